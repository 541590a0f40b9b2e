# Third-party packages, found once for the whole tree (see shared/TOOLCHAIN.md).
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation JSON)
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
find_package(Threads REQUIRED)
if(JIAYI_BUILD_GUI)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
endif()
