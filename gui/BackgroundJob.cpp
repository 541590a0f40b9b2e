#include "gui/BackgroundJob.h"

#include "core/store/Database.h"
#include "core/util/Error.h"
#include "sync/HubClient.h"

namespace jiayi::gui {

namespace {

JobFailure describe(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const sync::SyncError& e) {
        return {e.code, "", e.what()};
    } catch (const ValidationError& e) {
        return {"invalid", e.field(), e.reason()};
    } catch (const std::exception& e) {
        return {"", "", e.what()};
    }
}

}  // namespace

BackgroundJob::~BackgroundJob() {
    m_stop = true;
    join();
}

void BackgroundJob::join() {
    if (m_thread.joinable()) m_thread.join();
}

bool BackgroundJob::start(const std::filesystem::path& database, Work work, Done done) {
    if (m_running) return false;
    join();  // the previous thread has posted its end and is leaving
    m_stop = false;
    m_running = true;
    m_thread = std::thread([this, database, work = std::move(work), done = std::move(done)] {
        std::optional<JobFailure> failure;
        try {
            const auto db = store::Database::open(database);
            work(*db, *this);
        } catch (...) {
            failure = describe(std::current_exception());
        }
        post([this, done, failure] {
            m_running = false;
            join();
            done(failure);
        });
    });
    return true;
}

void BackgroundJob::post(std::function<void()> call) {
    m_owner->CallAfter(std::move(call));
}

}  // namespace jiayi::gui
