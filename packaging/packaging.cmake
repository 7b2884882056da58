# What `cmake --install` lays out besides the programs (top-level CMakeLists.txt), and the Debian
# package CPack builds from it (`cpack -G DEB` in the build folder; README, "Installing as a Debian
# package"). Files: packaging/ (units, sysusers.d, tmpfiles.d, default configuration, man pages,
# the package's maintainer scripts, copyright and changelog).

set(RS_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(RS_PACKAGING_BINARY_DIR ${PROJECT_BINARY_DIR}/packaging)
set(RS_DEB_MAINTAINER
    "Repair Station maintainers <maintainers@users.noreply.h-seed-9c21450a.example>"
    CACHE STRING "Maintainer field of the Debian package")

# The units and the default configuration: their paths follow the prefix given at install time
# (packaging/install_layout.cmake says why).
install(CODE "set(RS_PACKAGING_SOURCE_DIR \"${RS_PACKAGING_DIR}\")
set(RS_PACKAGING_BINARY_DIR \"${RS_PACKAGING_BINARY_DIR}\")
include(\"${RS_PACKAGING_DIR}/install_layout.cmake\")")

# One system user per unit, and the backup folders outside their StateDirectory=.
install(FILES ${RS_PACKAGING_DIR}/sysusers.conf DESTINATION lib/sysusers.d
        RENAME repair-station.conf)
install(FILES ${RS_PACKAGING_DIR}/tmpfiles.conf DESTINATION lib/tmpfiles.d
        RENAME repair-station.conf)

# Documentation: Debian wants man pages and the changelog compressed with gzip -9n (-n: no name
# or time stamp inside, so that the same sources give the same package).
find_program(RS_GZIP gzip REQUIRED)
configure_file(${RS_PACKAGING_DIR}/debian/changelog.in ${RS_PACKAGING_BINARY_DIR}/changelog @ONLY)
set(rs_compressed)
foreach(source ${RS_PACKAGING_BINARY_DIR}/changelog ${RS_PACKAGING_DIR}/man/station.1
               ${RS_PACKAGING_DIR}/man/station-decode-worker.1)
  get_filename_component(name ${source} NAME)
  set(output ${RS_PACKAGING_BINARY_DIR}/${name}.gz)
  add_custom_command(OUTPUT ${output} DEPENDS ${source}
                     COMMAND ${RS_GZIP} -9n -c ${source} > ${output} VERBATIM)
  list(APPEND rs_compressed ${output})
endforeach()
add_custom_target(rs_packaging_docs ALL DEPENDS ${rs_compressed})
set(RS_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/repair-station)
install(FILES ${RS_PACKAGING_BINARY_DIR}/station.1.gz
              ${RS_PACKAGING_BINARY_DIR}/station-decode-worker.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${RS_PACKAGING_BINARY_DIR}/changelog.gz ${RS_PACKAGING_DIR}/debian/copyright
              README.md
        DESTINATION ${RS_DOC_DIR})
# The guides the configuration files point to, and the sample configuration and policy.
file(GLOB rs_guides ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${rs_guides} ${PROJECT_SOURCE_DIR}/docs/openapi.yaml DESTINATION ${RS_DOC_DIR})
install(FILES examples/station.toml examples/policy.toml DESTINATION ${RS_DOC_DIR}/examples)

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME repair-station)
set(CPACK_PACKAGE_VENDOR "Repair Station")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${RS_DEB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "software of a repair center's benches")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "Repair Station receives parcels by barcode scan, keeps repair orders, spare\n"
       "parts and photos, prints labels on Zebra printers, flashes devices over USB\n"
       "DFU and syncs with the after-sales platform. One bench runs station.service,\n"
       "a center runs station-server.service and station-bench.service on each\n"
       "bench PC.")
# Installed as CMAKE_INSTALL_PREFIX=/usr into a staging root (DESTDIR), whatever the build's own
# prefix: the units and install_layout.cmake see /usr, the programs land in /usr/bin.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${RS_DEB_MAINTAINER})
# The shared libraries' packages, found by dpkg-shlibdeps; besides them, what the maintainer
# scripts call: systemd-sysusers and systemd-tmpfiles (deb-systemd-invoke comes with
# init-system-helpers, which is essential: lintian refuses it in Depends).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "systemd | systemd-standalone-sysusers, systemd | systemd-standalone-tmpfiles")
# libpq is loaded when a store URL is first opened (common/store/libpq_library.h), so
# dpkg-shlibdeps cannot see it: a center's server needs it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libpq5")
# Loaded or reached only when configured: libcups for a CUPS queue, a PostgreSQL server for a center.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libcups2, postgresql")
# The maintainer scripts keep their 0755 and the conffiles list its 0644 (lintian checks).
file(WRITE ${RS_PACKAGING_BINARY_DIR}/conffiles
     "/etc/repair-station/station-bench.toml\n/etc/repair-station/station-server.toml\n"
     "/etc/repair-station/station.toml\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${RS_PACKAGING_DIR}/debian/postinst ${RS_PACKAGING_DIR}/debian/prerm
    ${RS_PACKAGING_DIR}/debian/postrm ${RS_PACKAGING_BINARY_DIR}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
