# Run by `cmake --install` and by CPack (install(CODE) in packaging/packaging.cmake): installs
# the parts whose place or content depends on the prefix chosen at install time, not at configure
# time. CPack installs with CMAKE_INSTALL_PREFIX=/usr into a staging root (DESTDIR), so the
# package gets /usr/bin/station in its units and /etc/repair-station, while
# `cmake --install build --prefix /opt/rs` gets /opt/rs/bin and /etc/opt/rs.
# Needs RS_PACKAGING_SOURCE_DIR (packaging/) and RS_PACKAGING_BINARY_DIR, set by the
# install(CODE) line that includes this.

# The system configuration folder for this prefix, as GNUInstallDirs' CMAKE_INSTALL_FULL_SYSCONFDIR
# would say it: /usr -> /etc, /opt/x -> /etc/opt/x, else <prefix>/etc.
set(rs_prefix "${CMAKE_INSTALL_PREFIX}")
if(rs_prefix STREQUAL "/usr" OR rs_prefix STREQUAL "/")
  set(RS_SYSCONFDIR "/etc")
elseif(rs_prefix MATCHES "^/opt/")
  set(RS_SYSCONFDIR "/etc${rs_prefix}")
else()
  set(RS_SYSCONFDIR "${rs_prefix}/etc")
endif()
if(rs_prefix STREQUAL "/")
  set(RS_BINDIR "/usr/bin")
else()
  set(RS_BINDIR "${rs_prefix}/bin")
endif()

# The units, with the programs' and the configuration's real paths. systemd reads units from
# /usr/lib/systemd/system and /usr/local/lib/systemd/system (and /etc/systemd/system).
set(rs_units_staged "${RS_PACKAGING_BINARY_DIR}/units")
file(MAKE_DIRECTORY "${rs_units_staged}")
foreach(unit station.service station-server.service station-bench.service)
  configure_file("${RS_PACKAGING_SOURCE_DIR}/systemd/${unit}" "${rs_units_staged}/${unit}" @ONLY)
endforeach()
file(INSTALL DESTINATION "${rs_prefix}/lib/systemd/system" TYPE FILE
     PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
     FILES "${rs_units_staged}/station.service" "${rs_units_staged}/station-server.service"
           "${rs_units_staged}/station-bench.service")

# The default configuration of each unit (conffiles in the package: an edited one survives
# upgrades). Readable by all: secrets go in files of their own (token_file, key).
file(INSTALL DESTINATION "${RS_SYSCONFDIR}/repair-station" TYPE FILE
     PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
     FILES "${RS_PACKAGING_SOURCE_DIR}/config/station.toml"
           "${RS_PACKAGING_SOURCE_DIR}/config/station-server.toml"
           "${RS_PACKAGING_SOURCE_DIR}/config/station-bench.toml")
