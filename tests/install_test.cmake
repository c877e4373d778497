# Installs the build into PREFIX and builds tests/fixtures/basic with the installed binary. The
# installed layout.mustache gets a marker appended, so the test fails unless the binary found
# the templates installed beside it (not the source tree's copy).
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(f bin/annalist share/annalist/templates/layout.mustache share/doc/annalist/README.md
          share/doc/annalist/FORMAT.md)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(APPEND ${PREFIX}/share/annalist/templates/layout.mustache "<!-- installed templates -->\n")
set(ENV{ANNALIST_TEMPLATES} "")
execute_process(COMMAND ${PREFIX}/bin/annalist build ${SOURCE_DIR}/tests/fixtures/basic -o ${PREFIX}/site -q
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed annalist failed (${rc}): ${err}")
endif()
file(READ ${PREFIX}/site/index.html index)
string(FIND "${index}" "<!-- installed templates -->" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the installed binary did not use the installed templates")
endif()
file(REMOVE_RECURSE ${PREFIX})
