#define BOOST_TEST_MODULE jiayi_cli
#include <boost/test/unit_test.hpp>
