#define BOOST_TEST_MODULE jiayi_e2e
#include <boost/test/unit_test.hpp>

#include <csignal>

// A peer that closes mid-write (the cutting proxy, a refused oversized body) must be an
// error to handle, not SIGPIPE ending the test run.
struct IgnoreSigpipe {
    IgnoreSigpipe() { std::signal(SIGPIPE, SIG_IGN); }
};
BOOST_TEST_GLOBAL_FIXTURE(IgnoreSigpipe);
