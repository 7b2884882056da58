# Adds the test cases of a Catch2 program to CTest one by one; run after the program is linked
# (rs_discover_tests in tests/CMakeLists.txt). Unlike Catch2's own CatchAddTests.cmake it keeps
# names with ';', '[' or ']' whole (a CMake list splits at the first and groups by the others),
# and each test runs with `-w NoTests`, so a name that selects nothing fails instead of passing.
# Input (-D): EXECUTABLE, SPEC (a Catch2 test spec, may be empty), PREFIX, LABEL, TIMEOUT,
# WORKING_DIR, OUTPUT (the CTest file written), ENGINE (postgres: each test runs with its stores
# in the test cluster, whose URL is in POSTGRES_URL_FILE, after the fixture that starts it).
execute_process(COMMAND "${EXECUTABLE}" ${SPEC} --list-test-names-only
                OUTPUT_VARIABLE listed RESULT_VARIABLE result)
if(NOT result MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${EXECUTABLE} --list-test-names-only failed: ${result}")
endif()
string(REPLACE ";" "<semicolon>" listed "${listed}")
string(REPLACE "[" "<open>" listed "${listed}")
string(REPLACE "]" "<close>" listed "${listed}")
string(REPLACE "\n" ";" lines "${listed}")
set(engine_properties "")
if(ENGINE STREQUAL "postgres")
  set(engine_properties " ENVIRONMENT [==[RS_TEST_ENGINE=postgres;RS_TEST_POSTGRES_URL_FILE=${POSTGRES_URL_FILE}]==] FIXTURES_REQUIRED postgres_cluster")
endif()
set(script "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  # The name as CTest shows it, and as a Catch2 test spec (where , [ ] are escaped).
  string(REPLACE "<semicolon>" ";" name "${line}")
  string(REPLACE "," "\\," spec "${name}")
  string(REPLACE "<open>" "[" name "${name}")
  string(REPLACE "<close>" "]" name "${name}")
  string(REPLACE "<open>" "\\[" spec "${spec}")
  string(REPLACE "<close>" "\\]" spec "${spec}")
  string(APPEND script
    "add_test([==[${PREFIX}${name}]==] [==[${EXECUTABLE}]==] [==[${spec}]==] -w NoTests)\n"
    "set_tests_properties([==[${PREFIX}${name}]==] PROPERTIES LABELS ${LABEL} TIMEOUT ${TIMEOUT}"
    " WORKING_DIRECTORY [==[${WORKING_DIR}]==]${engine_properties})\n")
endforeach()
file(WRITE "${OUTPUT}" "${script}")
