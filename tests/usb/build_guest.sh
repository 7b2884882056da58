#!/usr/bin/env bash
# Builds the USB test guest into FOLDER (default build/tests/usb/guest), cached between runs:
# Debian 12's own kernel (linux-image-amd64's 6.1, fetched with `apt-get download` and unpacked
# with dpkg-deb, never installed), and an initramfs of busybox-static, the kernel modules the
# tests load (dummy_hcd, the configfs gadget functions, the host-side class drivers, 9p) and
# guest_init.sh. Everything else the guest runs is the host's own file system, shared read-only
# over 9p: our programs run in the guest exactly as built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../build/tests/usb/guest}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Modules of the tests; their dependencies are added from modules.dep.
modules=(virtio_pci 9pnet_virtio 9p
         dummy_hcd libcomposite usb_f_hid usb_f_printer usb_f_acm usb_f_fs gadgetfs
         usbhid hid_generic evdev cdc_acm usblp)

if [[ ! -f $out/kernel.deb ]]; then
    package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')
    if [[ -z $package ]]; then
        echo "build_guest: apt knows no linux-image-amd64 (run apt-get update)" >&2
        exit 1
    fi
    echo "build_guest: fetching $package"
    (cd "$out" && rm -f ./*.deb && apt-get download "$package" 2> apt.err) || {
        cat "$out/apt.err" >&2
        exit 1
    }
    mv "$out"/linux-image-*.deb "$out/kernel.deb"
    rm -rf "$out/kernel"
fi
if [[ ! -d $out/kernel ]]; then
    dpkg-deb -x "$out/kernel.deb" "$out/kernel.tmp"
    version=$(ls "$out/kernel.tmp/lib/modules")
    # The package has no modules.dep (its postinst makes it): busybox's depmod writes one.
    busybox depmod -b "$out/kernel.tmp" "$version"
    mv "$out/kernel.tmp" "$out/kernel"
fi
version=$(ls "$out/kernel/lib/modules")
cp "$out/kernel/boot/vmlinuz-$version" "$out/vmlinuz"

stamp=$(cat "$here/build_guest.sh" "$here/guest_init.sh" /bin/busybox "$out/kernel.deb" | sha256sum | cut -c1-16)
if [[ -f $out/initramfs.gz && $(cat "$out/initramfs.stamp" 2> /dev/null) == "$stamp" ]]; then
    echo "build_guest: $out is up to date (kernel $version)"
    exit 0
fi

root=$out/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,host,tmp} "$root/lib/modules/$version"
cp /bin/busybox "$root/bin/busybox"
cp "$here/guest_init.sh" "$root/init"
chmod 755 "$root/init"
moddir=$out/kernel/lib/modules/$version
# Module names use _ and - interchangeably; modules.dep lists paths.
declare -A wanted=()
find_module() {
    local pattern=${1//[-_]/[-_]}
    grep -E "(^|/)${pattern}\.ko(\.xz)?:" "$moddir/modules.dep" | head -n1
}
for module in "${modules[@]}"; do
    line=$(find_module "$module")
    if [[ -z $line ]]; then
        echo "build_guest: kernel $version has no module $module" >&2
        exit 1
    fi
    for path in ${line/:/}; do wanted[$path]=1; done
done
for path in "${!wanted[@]}"; do
    mkdir -p "$root/lib/modules/$version/$(dirname "$path")"
    cp "$moddir/$path" "$root/lib/modules/$version/$path"
done
cp "$moddir/modules.dep" "$moddir/modules.alias" "$root/lib/modules/$version/" 2> /dev/null || true
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initramfs.gz.tmp"
mv "$out/initramfs.gz.tmp" "$out/initramfs.gz"
echo "$stamp" > "$out/initramfs.stamp"
echo "build_guest: $out ready (kernel $version, ${#wanted[@]} modules)"
