# SQLite with encryption at rest: SQLite3 Multiple Ciphers (MIT; SQLite itself is public
# domain), compiled from its amalgamation as the one SQLite of every program, in place of
# Debian's libsqlite3 (issue 16; docs/decisions.md, "Encryption at rest").
#
# Debian has no usable SQLCipher (libsqlcipher-dev 3.4.1 is built on SQLite 3.15), so the
# amalgamation is fetched from the npm registry as a pinned, checksummed source tarball
# (shared/TOOLCHAIN.md) into .cache/deps of the source tree. An offline machine points
# JIAYI_SQLITE3MC_TARBALL at a copy of the same file.
set(JIAYI_SQLITE3MC_PACKAGE "better-sqlite3-multiple-ciphers@13.0.3")
set(JIAYI_SQLITE3MC_SHA256 "24a11e221247fc003f755ad0f82126bc6b0295d0be1c06f3cb3e48d9db8eb898")
set(JIAYI_SQLITE3MC_TARBALL "" CACHE FILEPATH
    "better-sqlite3-multiple-ciphers-13.0.3.tgz (fetched with npm pack when empty)")

set(_mc_cache "${CMAKE_SOURCE_DIR}/.cache/deps")
set(_mc_tgz "${_mc_cache}/better-sqlite3-multiple-ciphers-13.0.3.tgz")
if(JIAYI_SQLITE3MC_TARBALL)
  set(_mc_tgz "${JIAYI_SQLITE3MC_TARBALL}")
elseif(NOT EXISTS "${_mc_tgz}")
  find_program(NPM_PROGRAM npm)
  if(NOT NPM_PROGRAM)
    message(FATAL_ERROR "npm is needed once to fetch ${JIAYI_SQLITE3MC_PACKAGE} (SQLite with "
                        "encryption); install Debian's npm, or set JIAYI_SQLITE3MC_TARBALL")
  endif()
  file(MAKE_DIRECTORY "${_mc_cache}")
  message(STATUS "Fetching ${JIAYI_SQLITE3MC_PACKAGE} from the npm registry")
  execute_process(COMMAND "${NPM_PROGRAM}" pack "${JIAYI_SQLITE3MC_PACKAGE}" --silent
                          --pack-destination "${_mc_cache}"
                  RESULT_VARIABLE _mc_rc OUTPUT_QUIET ERROR_VARIABLE _mc_err)
  if(NOT _mc_rc EQUAL 0 OR NOT EXISTS "${_mc_tgz}")
    message(FATAL_ERROR "npm pack ${JIAYI_SQLITE3MC_PACKAGE} failed: ${_mc_err}")
  endif()
endif()
file(SHA256 "${_mc_tgz}" _mc_sum)
if(NOT _mc_sum STREQUAL JIAYI_SQLITE3MC_SHA256)
  message(FATAL_ERROR "${_mc_tgz} has SHA-256 ${_mc_sum}, expected ${JIAYI_SQLITE3MC_SHA256}")
endif()

set(_mc_src "${CMAKE_BINARY_DIR}/_deps/sqlite3mc")
if(NOT EXISTS "${_mc_src}/sqlite3.c" OR "${_mc_tgz}" IS_NEWER_THAN "${_mc_src}/sqlite3.c")
  file(REMOVE_RECURSE "${CMAKE_BINARY_DIR}/_deps/sqlite3mc-unpack")
  file(ARCHIVE_EXTRACT INPUT "${_mc_tgz}" DESTINATION "${CMAKE_BINARY_DIR}/_deps/sqlite3mc-unpack"
       PATTERNS package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
                package/deps/sqlite3/sqlite3ext.h package/LICENSE)
  file(MAKE_DIRECTORY "${_mc_src}")
  foreach(f sqlite3.c sqlite3.h sqlite3ext.h)
    file(RENAME "${CMAKE_BINARY_DIR}/_deps/sqlite3mc-unpack/package/deps/sqlite3/${f}" "${_mc_src}/${f}")
  endforeach()
  file(REMOVE_RECURSE "${CMAKE_BINARY_DIR}/_deps/sqlite3mc-unpack")
endif()

add_library(jiayi_sqlite STATIC "${_mc_src}/sqlite3.c")
set_target_properties(jiayi_sqlite PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_include_directories(jiayi_sqlite SYSTEM BEFORE PUBLIC "${_mc_src}")
target_compile_definitions(jiayi_sqlite
  PUBLIC SQLITE_HAS_CODEC=1
  PRIVATE
    SQLITE_THREADSAFE=1
    # Temporary tables and indices in memory: no plaintext scratch file on disk.
    SQLITE_TEMP_STORE=2
    SQLITE_OMIT_LOAD_EXTENSION
    SQLITE_DEFAULT_FOREIGN_KEYS=0
    SQLITE_ENABLE_COLUMN_METADATA
    # AES-256 in the SQLCipher 4 format (CBC with HMAC-SHA512 per page) by default.
    CODEC_TYPE=CODEC_TYPE_SQLCIPHER
    HAVE_USLEEP=1)
# A release build whatever the project's build type: the library is not debugged here.
target_compile_options(jiayi_sqlite PRIVATE -O2 -w)
target_link_libraries(jiayi_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS} m)
add_library(SQLite::SQLite3 ALIAS jiayi_sqlite)
