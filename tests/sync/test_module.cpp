#define BOOST_TEST_MODULE jiayi_sync
#include <boost/test/unit_test.hpp>
