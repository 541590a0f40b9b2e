// jiayi-cli user add|list|passwd|reset|disable|enable|rename|token|revoke-token|recovery-code
// — the site's users
// (issue 16, docs/security.md). Passwords an administrator hands out are made here, shown
// once, and must be changed at the first sign-in.
#include <iostream>
#include <ostream>

#include "cli/Context.h"
#include "core/services/Accounts.h"
#include "core/services/SiteAccess.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "core/util/Password.h"

namespace jiayi::cli {
namespace {

const services::Session& signedIn(Context& ctx) {
    ctx.workstation();
    if (!ctx.session) throw ConflictError(tr("This site has no users yet: jiayi-cli init --admin LOGIN --name NAME"));
    return *ctx.session;
}

}  // namespace

int runUser(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    const auto& me = signedIn(ctx);
    services::Accounts accounts(ctx.workstation().database());
    if (action == "add") {
        ctx.args.allowOnly({"name", "role", "division"});
        const auto login = ctx.args.positional(2, tr("the login"));
        const auto first = services::Accounts::temporaryPassword();
        const auto user = accounts.addUser(me, {login, ctx.args.get("name", ""), ctx.args.get("role", ""),
                                                ctx.args.get("division", ""), first});
        if (ctx.json)
            ctx.out << "{\"login\":" << jsonString(user.login) << ",\"password\":" << jsonString(first) << "}\n";
        else
            ctx.out << format(tr("{0} ({1}) added. First password, to be changed at the first sign-in: {2}"),
                              {user.login, rules::roleName(user.role), first})
                    << "\n";
        return 0;
    }
    if (action == "list") {
        ctx.args.allowOnly({});
        const auto users = accounts.users(me);
        if (ctx.json) ctx.out << "[";
        for (std::size_t i = 0; i < users.size(); ++i) {
            const auto& u = users[i];
            if (ctx.json)
                ctx.out << (i ? "," : "") << "{\"login\":" << jsonString(u.login) << ",\"name\":"
                        << jsonString(u.displayName) << ",\"role\":" << jsonString(std::string(rules::roleCode(u.role)))
                        << ",\"division\":" << jsonString(u.division) << ",\"disabled\":"
                        << (u.disabled ? "true" : "false") << ",\"held\":" << (u.held ? "true" : "false")
                        << ",\"id\":" << jsonString(u.id) << "}";
            else
                ctx.out << u.login << "  " << u.displayName << "  " << rules::roleName(u.role) << "  "
                        << (u.division.empty() ? "-" : u.division) << (u.disabled ? "  " + tr("disabled") : "")
                        << (u.held ? "  " + format(tr("held: the login was given earlier at another site; "
                                                      "jiayi-cli user rename {0} NEW_LOGIN"),
                                                   {u.id})
                                   : std::string())
                        << "\n";
        }
        if (ctx.json) ctx.out << "]\n";
        return 0;
    }
    if (action == "passwd") {
        ctx.args.allowOnly({});
        // The current password signed in just now; the new one comes next (JIAYI_NEW_PASSWORD,
        // the next line of stdin, or typed).
        const char* next = std::getenv("JIAYI_NEW_PASSWORD");
        std::string newPassword;
        if (next && *next) {
            newPassword = next;
        } else if (ctx.args.has("password-stdin")) {
            std::getline(std::cin, newPassword);  // the line after the current password
        } else {
            newPassword = ctx.password(tr("New password: "), false);
        }
        accounts.changePassword(me, ctx.signInPassword, newPassword);
        if (!ctx.json) ctx.out << tr("Password changed") << "\n";
        return 0;
    }
    if (action == "reset") {
        ctx.args.allowOnly({});
        const auto login = ctx.args.positional(2, tr("the login"));
        const auto temporary = services::Accounts::temporaryPassword();
        accounts.resetPassword(me, login, temporary);
        ctx.out << (ctx.json ? "{\"password\":" + jsonString(temporary) + "}"
                             : format(tr("New password for {0}, to be changed at the next sign-in: {1}"),
                                      {login, temporary}))
                << "\n";
        return 0;
    }
    if (action == "disable" || action == "enable") {
        ctx.args.allowOnly({});
        accounts.setDisabled(me, ctx.args.positional(2, tr("the login")), action == "disable");
        return 0;
    }
    if (action == "rename") {
        ctx.args.allowOnly({});
        const auto who = ctx.args.positional(2, tr("the login or account id"));
        const auto user = accounts.renameUser(me, who, ctx.args.positional(3, tr("the new login")));
        if (ctx.json)
            ctx.out << "{\"id\":" << jsonString(user.id) << ",\"login\":" << jsonString(user.login) << "}\n";
        else
            ctx.out << format(tr("{0} now signs in as {1}"), {user.displayName, user.login}) << "\n";
        return 0;
    }
    if (action == "token") {
        ctx.args.allowOnly({"name"});
        const auto token = accounts.createToken(me, ctx.args.positional(2, tr("the login")), ctx.args.get("name", ""));
        ctx.out << (ctx.json ? "{\"token\":" + jsonString(token) + "}" : token) << "\n";
        return 0;
    }
    if (action == "revoke-token") {
        ctx.args.allowOnly({"name"});
        if (!accounts.revokeToken(me, ctx.args.get("name", "")))
            throw NotFoundError(tr("No such token"));
        return 0;
    }
    if (action == "recovery-code") {
        const auto code = services::SiteAccess::newRecoveryCode(ctx.workstation());
        if (ctx.json) ctx.out << "{\"recovery_code\":" << jsonString(code) << "}\n";
        else printRecoveryCode(ctx, code);
        return 0;
    }
    throw UsageError(format(tr("Unknown command: user {0}"), {action}));
}

}  // namespace jiayi::cli
