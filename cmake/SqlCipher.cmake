# SQLite with encryption at rest: SQLCipher 4.5.5 (BSD, Zetetic; on SQLite 3.42.0, public
# domain) with OpenSSL's libcrypto doing AES-256 and HMAC-SHA512, compiled from its
# amalgamation as the one SQLite of every program, in place of Debian's libsqlite3
# (issue 16; docs/decisions.md, "Encryption at rest").
#
# Debian has no usable SQLCipher (libsqlcipher-dev 3.4.1 is built on SQLite 3.15), so the
# amalgamation is fetched from the npm registry as a pinned, checksummed source tarball
# (shared/TOOLCHAIN.md) into .cache/deps of the source tree. An offline machine points
# JIAYI_SQLCIPHER_TARBALL at a copy of the same file.
set(JIAYI_SQLCIPHER_PACKAGE "@commapp/sqlcipher-amalgamation@4.5.5")
set(JIAYI_SQLCIPHER_SHA256 "5e49e540eb0274d8ba87c1ce680a1143971a2528e0783044a08b39c97ea07d13")
set(JIAYI_SQLCIPHER_TARBALL "" CACHE FILEPATH
    "commapp-sqlcipher-amalgamation-4.5.5.tgz (fetched with npm pack when empty)")

set(_mc_cache "${CMAKE_SOURCE_DIR}/.cache/deps")
set(_mc_tgz "${_mc_cache}/commapp-sqlcipher-amalgamation-4.5.5.tgz")
if(JIAYI_SQLCIPHER_TARBALL)
  set(_mc_tgz "${JIAYI_SQLCIPHER_TARBALL}")
elseif(NOT EXISTS "${_mc_tgz}")
  find_program(NPM_PROGRAM npm)
  if(NOT NPM_PROGRAM)
    message(FATAL_ERROR "npm is needed once to fetch ${JIAYI_SQLCIPHER_PACKAGE} (SQLite with "
                        "encryption); install Debian's npm, or set JIAYI_SQLCIPHER_TARBALL")
  endif()
  file(MAKE_DIRECTORY "${_mc_cache}")
  message(STATUS "Fetching ${JIAYI_SQLCIPHER_PACKAGE} from the npm registry")
  execute_process(COMMAND "${NPM_PROGRAM}" pack "${JIAYI_SQLCIPHER_PACKAGE}" --silent
                          --pack-destination "${_mc_cache}"
                  RESULT_VARIABLE _mc_rc OUTPUT_QUIET ERROR_VARIABLE _mc_err)
  if(NOT _mc_rc EQUAL 0 OR NOT EXISTS "${_mc_tgz}")
    message(FATAL_ERROR "npm pack ${JIAYI_SQLCIPHER_PACKAGE} failed: ${_mc_err}")
  endif()
endif()
file(SHA256 "${_mc_tgz}" _mc_sum)
if(NOT _mc_sum STREQUAL JIAYI_SQLCIPHER_SHA256)
  message(FATAL_ERROR "${_mc_tgz} has SHA-256 ${_mc_sum}, expected ${JIAYI_SQLCIPHER_SHA256}")
endif()

set(_mc_src "${CMAKE_BINARY_DIR}/_deps/sqlcipher")
if(NOT EXISTS "${_mc_src}/sqlite3.c" OR "${_mc_tgz}" IS_NEWER_THAN "${_mc_src}/sqlite3.c")
  file(REMOVE_RECURSE "${CMAKE_BINARY_DIR}/_deps/sqlcipher-unpack")
  file(ARCHIVE_EXTRACT INPUT "${_mc_tgz}" DESTINATION "${CMAKE_BINARY_DIR}/_deps/sqlcipher-unpack"
       PATTERNS package/src/sqlite3.c package/src/sqlite3.h package/src/sqlite3ext.h package/LICENSE)
  file(MAKE_DIRECTORY "${_mc_src}")
  foreach(f src/sqlite3.c src/sqlite3.h src/sqlite3ext.h LICENSE)
    get_filename_component(_name "${f}" NAME)
    file(RENAME "${CMAKE_BINARY_DIR}/_deps/sqlcipher-unpack/package/${f}" "${_mc_src}/${_name}")
  endforeach()
  file(REMOVE_RECURSE "${CMAKE_BINARY_DIR}/_deps/sqlcipher-unpack")
endif()

add_library(jiayi_sqlite STATIC "${_mc_src}/sqlite3.c")
set_target_properties(jiayi_sqlite PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_include_directories(jiayi_sqlite SYSTEM BEFORE PUBLIC "${_mc_src}")
target_compile_definitions(jiayi_sqlite
  PUBLIC SQLITE_HAS_CODEC=1
  PRIVATE
    SQLCIPHER_CRYPTO_OPENSSL
    SQLITE_THREADSAFE=1
    # Temporary tables and indices in memory: no plaintext scratch file on disk.
    SQLITE_TEMP_STORE=2
    SQLITE_OMIT_LOAD_EXTENSION
    SQLITE_DEFAULT_FOREIGN_KEYS=0
    SQLITE_ENABLE_COLUMN_METADATA
    HAVE_USLEEP=1)
# A release build whatever the project's build type: the library is not debugged here.
target_compile_options(jiayi_sqlite PRIVATE -O2 -w)
target_link_libraries(jiayi_sqlite PUBLIC OpenSSL::Crypto Threads::Threads ${CMAKE_DL_LIBS} m)
add_library(SQLite::SQLite3 ALIAS jiayi_sqlite)
