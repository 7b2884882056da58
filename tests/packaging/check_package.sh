#!/usr/bin/env bash
# The Debian package (packaging/), checked by Debian's and systemd's own tools:
# builds the .deb with CPack from an already built tree, runs lintian (any error fails), unpacks
# it into a throw-away root, runs its postinst there (DPKG_ROOT, as `dpkg --root` would), checks
# the files, the users and the configurations, and verifies the three units with systemd-analyze.
# Usage: check_package.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check_package.sh BUILD_DIR}
build=$(cd "$build" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/rs-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

for tool in cpack lintian dpkg-deb dpkg-shlibdeps systemd-analyze systemd-sysusers; do
    command -v "$tool" > /dev/null || {
        echo "check_package: $tool is missing (scripts/install-deps.sh installs it)" >&2
        exit 1
    }
done

echo "== cpack"
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > cpack.log 2>&1) || {
    cat "$work/cpack.log" >&2
    exit 1
}
deb=$(ls "$work"/out/repair-station_*.deb)
echo "$deb"

echo "== lintian"
# --fail-on error: warnings are listed (README says which remain and why), errors fail.
lintian --fail-on error --tag-display-limit 0 "$deb" | tee "$work/lintian.log" \
    || fail "lintian reports errors"
if grep -q '^E:' "$work/lintian.log"; then fail "lintian reports errors"; fi

echo "== files"
root=$work/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
expected=(
    usr/bin/station
    usr/bin/station-decode-worker
    usr/lib/udev/rules.d/70-repair-station-scanners.rules
    usr/lib/udev/rules.d/71-repair-station-printers.rules
    usr/lib/udev/rules.d/72-repair-station-dfu.rules
    usr/lib/systemd/system/station.service
    usr/lib/systemd/system/station-server.service
    usr/lib/systemd/system/station-bench.service
    usr/lib/sysusers.d/repair-station.conf
    usr/lib/tmpfiles.d/repair-station.conf
    etc/repair-station/station.toml
    etc/repair-station/station-server.toml
    etc/repair-station/station-bench.toml
    usr/share/doc/repair-station/copyright
    usr/share/doc/repair-station/changelog.gz
    usr/share/man/man1/station.1.gz
)
for file in "${expected[@]}"; do
    [[ -f $root/$file ]] || fail "the package lacks /$file"
done
# In lib/repair-station or lib/<multiarch>/repair-station, as GNUInstallDirs chose at configure time.
[[ -n $(find "$root/usr/lib" -path '*/repair-station/station-opencv-io.so') ]] \
    || fail "the package lacks station-opencv-io.so"
for script in postinst prerm postrm; do
    [[ -x $work/control/$script ]] || fail "the package lacks an executable $script"
done
# Every file under /etc is a conffile, and every conffile is in the package.
diff <(cd "$root" && find etc -type f | sed 's|^|/|' | sort) <(sort "$work/control/conffiles") \
    || fail "the conffiles differ from the files under /etc"
grep -q '^Depends:.*libsqlite3' "$work/control/control" \
    || fail "Depends lacks the shared libraries' packages (dpkg-shlibdeps)"
if file "$root/usr/bin/station" | grep -q 'not stripped'; then fail "station is not stripped"; fi

echo "== the programs run from the package"
# The stripped program finds its libraries and its OpenCV module beside it, and each default
# configuration is one the program accepts (unknown sections and keys are refused).
"$root/usr/bin/station" --help > /dev/null || fail "the packaged station does not run"
for config in station station-server station-bench; do
    STATION_CONFIG=$root/etc/repair-station/$config.toml \
        "$root/usr/bin/station" --db "$work/$config.db" init > /dev/null \
        || fail "the packaged station refuses /etc/repair-station/$config.toml"
done

echo "== postinst in the throw-away root (DPKG_ROOT)"
DPKG_ROOT=$root "$work/control/postinst" configure "" || fail "postinst configure failed"
for user in repair-station repair-station-server repair-station-bench; do
    grep -q "^$user:" "$root/etc/passwd" 2> /dev/null || fail "postinst did not create user $user"
done
for user in repair-station repair-station-bench; do
    for group in plugdev video dialout; do
        grep -Eq "^$group:[^:]*:[^:]*:(.*,)?$user(,|$)" "$root/etc/group" \
            || fail "$user is not in group $group (the udev rules and device nodes need it)"
    done
done
for dir in station server; do
    [[ -d $root/var/backups/repair-station/$dir ]] \
        || fail "postinst did not create /var/backups/repair-station/$dir (tmpfiles.d)"
done
# Each unit's User= is one of the users the package creates.
for unit in station station-server station-bench; do
    user=$(sed -n 's/^User=//p' "$root/usr/lib/systemd/system/$unit.service" || true)
    grep -q "^$user:" "$root/etc/passwd" 2> /dev/null || fail "$unit.service runs as $user, which postinst does not create"
done

echo "== systemd-analyze verify"
# --root: the units, and the programs their ExecStart= name, are looked up in the throw-away root
# (without it, verify would look for /usr/bin/station on this machine). --man=no: the man pages
# the units name are checked above as files.
# The root holds only the package: systemd's own units (sysinit.target, basic.target,
# network-online.target...) come from this machine, as they would on the PC the package goes to.
# systemd is not PID 1 here (a container): verify loads the units offline, without a manager.
host_units=/usr/lib/systemd/system
[[ -f $host_units/sysinit.target ]] || host_units=/lib/systemd/system
cp -an "$host_units/." "$root/usr/lib/systemd/system/"
units=()
for unit in station station-server station-bench; do
    units+=("$root/usr/lib/systemd/system/$unit.service")
done
if ! systemd-analyze verify --root="$root" --man=no "${units[@]}" > "$work/verify.log" 2>&1; then
    fail "systemd-analyze verify failed"
fi
# verify exits 0 on unknown keys and bad values (it only warns): any line it prints is a finding.
if [[ -s $work/verify.log ]]; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify reports problems"
else
    echo "verify: the three units are clean"
fi

echo "== systemd-analyze security"
# The exposure score (0 safest, 10 unprotected). The device units cannot have PrivateDevices= or
# PrivateUsers=; the thresholds catch a sandbox option removed by mistake.
declare -A threshold=([station]=25 [station-bench]=25 [station-server]=15)
for unit in station station-server station-bench; do
    if ! systemd-analyze security --offline=true --root="$root" \
        --threshold="${threshold[$unit]}" \
        "$root/usr/lib/systemd/system/$unit.service" > "$work/security-$unit.log" 2>&1; then
        fail "$unit.service is more exposed than $((threshold[$unit] / 10)).$((threshold[$unit] % 10))"
    fi
    echo "$unit.service: $(grep -i 'overall exposure' "$work/security-$unit.log" | sed 's/.*: *//')"
done

if ((failures > 0)); then
    echo "check_package: $failures problem(s)" >&2
    exit 1
fi
echo "check_package: the package and its units pass"
