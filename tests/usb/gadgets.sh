# Gadgets of the USB guest tests, made with configfs (sourced by plan.sh, runs in the guest as
# root). Each gadget is one device on its own dummy_hcd port: `gadget_plug NAME UDC` connects it,
# `gadget_unplug NAME` is a cable pull (the UDC unbound).
gadget_root=/sys/kernel/config/usb_gadget

# gadget_new NAME VID PID MANUFACTURER PRODUCT SERIAL [DEVICE_CLASS]
gadget_new() {
    local g=$gadget_root/$1
    mkdir -p "$g/strings/0x409" "$g/configs/c.1/strings/0x409"
    echo "$2" > "$g/idVendor"
    echo "$3" > "$g/idProduct"
    echo 0x0200 > "$g/bcdUSB"
    echo 0x0100 > "$g/bcdDevice"
    echo "$4" > "$g/strings/0x409/manufacturer"
    echo "$5" > "$g/strings/0x409/product"
    echo "$6" > "$g/strings/0x409/serialnumber"
    echo "${7:-0x00}" > "$g/bDeviceClass"
    echo "default" > "$g/configs/c.1/strings/0x409/configuration"
    echo 100 > "$g/configs/c.1/MaxPower"
}

gadget_plug() { echo "$2" > "$gadget_root/$1/UDC"; }
gadget_unplug() { echo "" > "$gadget_root/$1/UDC"; }

# The /dev node of function FUNCTION of gadget NAME, from the minor number configfs gives
# ("hidg" or "g_printer"); numbers follow creation order, so never guess them.
gadget_node() {
    local minor
    minor=$(cut -d: -f2 "$gadget_root/$1/functions/$2/dev")
    echo "/dev/$3$minor"
}

# A boot keyboard (HID 1.11 appendix B.1 report descriptor), as a scanner in keyboard mode.
gadget_hid_keyboard() {
    local f=$gadget_root/$1/functions/hid.kbd
    mkdir "$f"
    echo 1 > "$f/protocol"
    echo 1 > "$f/subclass"
    echo 8 > "$f/report_length"
    printf '\x05\x01\x09\x06\xa1\x01\x05\x07\x19\xe0\x29\xe7\x15\x00\x25\x01\x75\x01\x95\x08'`
          `'\x81\x02\x95\x01\x75\x08\x81\x03\x95\x05\x75\x01\x05\x08\x19\x01\x29\x05\x91\x02'`
          `'\x95\x01\x75\x03\x91\x03\x95\x06\x75\x08\x15\x00\x25\x65\x05\x07\x19\x00\x29\x65'`
          `'\x81\x00\xc0' > "$f/report_desc"
    ln -s "$f" "$gadget_root/$1/configs/c.1/"
}

# A HID POS scanner: usage page 0x8C (bar code scanner), report id 2 with 63 bytes of input.
gadget_hid_pos() {
    local f=$gadget_root/$1/functions/hid.pos
    mkdir "$f"
    echo 0 > "$f/protocol"
    echo 0 > "$f/subclass"
    echo 64 > "$f/report_length"
    # Usage Page (0x8C), Usage (Bar Code Scanner 0x02), Collection (Application),
    # Report ID 2, Logical 0-255, 63 x 8 bits, Usage (Decoded Data 0xFE), Input (Data,Var,Abs),
    # End Collection.
    printf '\x06\x8c\x00\x09\x02\xa1\x01\x85\x02\x15\x00\x26\xff\x00\x75\x08\x95\x3f\x09\xfe'`
          `'\x81\x02\xc0' > "$f/report_desc"
    ln -s "$f" "$gadget_root/$1/configs/c.1/"
}

# A CDC-ACM serial port (the "USB CDC / virtual COM" mode of a scanner); /dev/ttyGS<port_num>.
gadget_acm() {
    local f=$gadget_root/$1/functions/acm.ser
    mkdir "$f"
    ln -s "$f" "$gadget_root/$1/configs/c.1/"
}

# A printer-class interface answering GET_DEVICE_ID with PNP_STRING (IEEE 1284 device id).
gadget_printer() {
    local f=$gadget_root/$1/functions/printer.zpl
    mkdir "$f"
    echo "$2" > "$f/pnp_string"
    echo 10 > "$f/q_len"
    ln -s "$f" "$gadget_root/$1/configs/c.1/"
}
