#define BOOST_TEST_MODULE jiayi_core
#include <boost/test/unit_test.hpp>
