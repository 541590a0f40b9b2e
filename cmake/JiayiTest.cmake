# One Boost.Test executable per library, registered with CTest through this helper.
#   jiayi_add_test_suite(NAME core_tests SOURCES a.cpp b.cpp LIBS jiayi::core [ENV X=Y] [LABELS l]
#                        [WRAPPER cmd args…])   # e.g. xvfb-run for the GUI test
function(jiayi_add_test_suite)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;ENV;LABELS;PCH;WRAPPER" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} Boost::unit_test_framework)
  target_compile_definitions(${T_NAME} PRIVATE BOOST_TEST_DYN_LINK
    JIAYI_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data"
    JIAYI_RESOURCES_DIR="${CMAKE_SOURCE_DIR}/resources")
  target_precompile_headers(${T_NAME} PRIVATE <boost/test/unit_test.hpp> ${T_PCH})
  # The module file defines BOOST_TEST_MODULE before the header to generate main().
  foreach(src ${T_SOURCES})
    if(src MATCHES "test_module\\.cpp$")
      set_source_files_properties(${src} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
  jiayi_set_warnings(${T_NAME})
  add_test(NAME ${T_NAME} COMMAND ${T_WRAPPER} $<TARGET_FILE:${T_NAME}> --log_level=message
    --report_level=short)
  set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${T_ENV}" LABELS "${T_LABELS}")
endfunction()
