#!/bin/busybox sh
# /init of the USB test guest (busybox): loads the USB modules, mounts the host's file system
# (read-only 9p, tag "host") and the run's work folder (read-write 9p, tag "work"), then runs the
# test plan as root in a chroot of the host's file system, so our programs run as built, against
# the guest kernel's real USB core. The plan's last line is "N passed, N failed"; then power off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for arg in $(cat /proc/cmdline); do
    case $arg in rs_env=*) env_file=${arg#rs_env=} ;; rs_work=*) work=${arg#rs_work=} ;; esac
done
finish() {
    echo "rs-guest: $1"
    sync
    poweroff -f
}
for module in virtio_pci 9pnet_virtio 9p; do modprobe $module || finish "cannot load $module"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 host /host || finish "no host fs"
# The guest's /tmp is a tmpfs (the host's file system is read-only here), which would hide a
# checkout under the host's /tmp (where a CI runner may clone): each top folder of the host's /tmp
# that the plan's settings name is bound back in, read-only as the rest.
mkdir -p /hosttmp
mount --bind /host/tmp /hosttmp
mount -t tmpfs tmpfs /host/tmp
case $env_file in
    /tmp/*) settings=/hosttmp/${env_file#/tmp/} ;;
    *) settings=/host$env_file ;;
esac
for top in $( (echo "$work"; cat "$settings") | grep -o '/tmp/[^/ ]*' | sort -u); do
    mkdir -p "/host$top"
    mount --bind "/hosttmp/${top#/tmp/}" "/host$top" || finish "cannot show $top"
done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 work "/host$work" || finish "no work fs"
# dummy_hcd: eight independent device/host pairs (dummy_udc.0-7), full speed like real scanners.
modprobe dummy_hcd num=8 is_high_speed=0 || finish "cannot load dummy_hcd"
for module in libcomposite usb_f_hid usb_f_printer usb_f_acm usb_f_fs gadgetfs usbhid hid_generic evdev \
    cdc_acm usblp; do
    modprobe $module || finish "cannot load $module"
done

mount --bind /proc /host/proc
mount --bind /sys /host/sys
mount -t configfs none /host/sys/kernel/config
mount --bind /dev /host/dev
mount -t devpts devpts /host/dev/pts 2> /dev/null
mount -t tmpfs tmpfs /host/run
echo "rs-guest: booted in $(cut -d' ' -f1 /proc/uptime) s"
chroot /host /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 \
    /bin/bash -c "set -a; . '$env_file'; set +a; exec /bin/bash \"\$RS_PLAN\"" < /dev/null
finish "plan ended with $? after $(cut -d' ' -f1 /proc/uptime) s"
