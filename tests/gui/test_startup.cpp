#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>

#include "gui/App.h"

BOOST_AUTO_TEST_SUITE(startup)

BOOST_AUTO_TEST_CASE(without_a_display_the_app_says_so_in_one_line_and_exits_2) {
    std::ostringstream cmd;  // (string + chains trip a g++ 12 -Warray-bounds false positive)
    cmd << "env -u DISPLAY -u WAYLAND_DISPLAY '" << JIAYI_GUI_EXE
        << "' --db /nonexistent/never-created.db 2>&1";
    FILE* pipe = popen(cmd.str().c_str(), "r");
    BOOST_REQUIRE(pipe);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = pclose(pipe);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 2);
    BOOST_TEST(std::count(output.begin(), output.end(), '\n') == 1);
    BOOST_TEST(output.find("DISPLAY is not set") != std::string::npos);
    BOOST_TEST(output.find("jiayi-cli") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(command_line_options_are_read) {
    const auto o = jiayi::gui::parseStartOptions({"--db", "x.db", "--lang", "en", "--user", "li"});
    BOOST_TEST(o.error.empty());
    BOOST_TEST(o.dbPath == "x.db");
    BOOST_TEST(o.lang == "en");
    BOOST_TEST(o.user == "li");
    BOOST_TEST(!jiayi::gui::parseStartOptions({"--lang", "fr"}).error.empty());
    BOOST_TEST(!jiayi::gui::parseStartOptions({"--bogus"}).error.empty());
}

BOOST_AUTO_TEST_SUITE_END()
