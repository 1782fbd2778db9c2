# `cmake --install`: the embedding API's headers (include/lockvm), the static
# libraries, a CMake package (find_package(lockvm) -> lockvm::lockvm) and a
# pkg-config file (pkg-config --cflags --libs lockvm).
include(CMakePackageConfigHelpers)

set(LOCKVM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lockvm)
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/lockvm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS lockvm_embed lockvm_runtime lockvm_front EXPORT lockvmTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT lockvmTargets NAMESPACE lockvm:: DESTINATION ${LOCKVM_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/lockvmConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/lockvmConfig.cmake INSTALL_DESTINATION ${LOCKVM_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/lockvmConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/lockvmConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/lockvmConfigVersion.cmake
        DESTINATION ${LOCKVM_CMAKE_DIR})

# pkg-config: the policies built in are compile definitions, as in the CMake package.
set(LOCKVM_PC_DEFS "")
foreach(policy IN LISTS LOCKVM_POLICIES)
  string(TOUPPER ${policy} upper)
  string(APPEND LOCKVM_PC_DEFS " -DLOCKVM_WITH_${upper}=1")
endforeach()
set(LOCKVM_PC_EXTRA_LIBS "")
if(LOCKVM_MIMALLOC)
  string(APPEND LOCKVM_PC_DEFS " -DLOCKVM_MIMALLOC=1")
  set(LOCKVM_PC_EXTRA_LIBS " -lmimalloc")
endif()
# Relocatable: the prefix is found from where the .pc file is (cmake --install --prefix ...).
file(RELATIVE_PATH LOCKVM_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/lockvm.pc.in ${CMAKE_CURRENT_BINARY_DIR}/lockvm.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/lockvm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
