// Keyboard layout tables: US, German (QWERTZ) and French (AZERTY) as rows over HID usages.
#include "devices/scanner/keyboard_layout.h"

namespace rs::devices {
namespace {

// Source for usages: USB HID Usage Tables 1.3, section 10 "Keyboard/Keypad Page (0x07)".
// Source for characters: the Linux console/X11 keymaps "us", "de" and "fr" (xkeyboard-config
// symbols/us, symbols/de, symbols/fr, basic variants). Dead keys are left empty: a scanner
// that types one produces no character a code may contain.
const std::vector<KeyRow>& us_rows() {
    static const std::vector<KeyRow> rows = {
        {0x04, {"a", "A", ""}},  {0x05, {"b", "B", ""}},  {0x06, {"c", "C", ""}},
        {0x07, {"d", "D", ""}},  {0x08, {"e", "E", ""}},  {0x09, {"f", "F", ""}},
        {0x0A, {"g", "G", ""}},  {0x0B, {"h", "H", ""}},  {0x0C, {"i", "I", ""}},
        {0x0D, {"j", "J", ""}},  {0x0E, {"k", "K", ""}},  {0x0F, {"l", "L", ""}},
        {0x10, {"m", "M", ""}},  {0x11, {"n", "N", ""}},  {0x12, {"o", "O", ""}},
        {0x13, {"p", "P", ""}},  {0x14, {"q", "Q", ""}},  {0x15, {"r", "R", ""}},
        {0x16, {"s", "S", ""}},  {0x17, {"t", "T", ""}},  {0x18, {"u", "U", ""}},
        {0x19, {"v", "V", ""}},  {0x1A, {"w", "W", ""}},  {0x1B, {"x", "X", ""}},
        {0x1C, {"y", "Y", ""}},  {0x1D, {"z", "Z", ""}},  {0x1E, {"1", "!", ""}},
        {0x1F, {"2", "@", ""}},  {0x20, {"3", "#", ""}},  {0x21, {"4", "$", ""}},
        {0x22, {"5", "%", ""}},  {0x23, {"6", "^", ""}},  {0x24, {"7", "&", ""}},
        {0x25, {"8", "*", ""}},  {0x26, {"9", "(", ""}},  {0x27, {"0", ")", ""}},
        {0x2C, {" ", " ", ""}},  {0x2D, {"-", "_", ""}},  {0x2E, {"=", "+", ""}},
        {0x2F, {"[", "{", ""}},  {0x30, {"]", "}", ""}},  {0x31, {"\\", "|", ""}},
        {0x32, {"\\", "|", ""}}, {0x33, {";", ":", ""}},  {0x34, {"'", "\"", ""}},
        {0x35, {"`", "~", ""}},  {0x36, {",", "<", ""}},  {0x37, {".", ">", ""}},
        {0x38, {"/", "?", ""}},  {0x54, {"/", "/", ""}},  {0x55, {"*", "*", ""}},
        {0x56, {"-", "-", ""}},  {0x57, {"+", "+", ""}},  {0x59, {"1", "1", ""}},
        {0x5A, {"2", "2", ""}},  {0x5B, {"3", "3", ""}},  {0x5C, {"4", "4", ""}},
        {0x5D, {"5", "5", ""}},  {0x5E, {"6", "6", ""}},  {0x5F, {"7", "7", ""}},
        {0x60, {"8", "8", ""}},  {0x61, {"9", "9", ""}},  {0x62, {"0", "0", ""}},
        {0x63, {".", ".", ""}},  {0x64, {"\\", "|", ""}},
    };
    return rows;
}

// German QWERTZ: rows that differ from US (xkeyboard-config symbols/de "basic").
const std::vector<KeyRow>& de_rows() {
    static const std::vector<KeyRow> rows = {
        {0x08, {"e", "E", "€"}},  {0x10, {"m", "M", "µ"}}, {0x14, {"q", "Q", "@"}},
        {0x1C, {"z", "Z", ""}},   {0x1D, {"y", "Y", ""}},  {0x1F, {"2", "\"", "²"}},
        {0x20, {"3", "§", "³"}},  {0x23, {"6", "&", ""}},  {0x24, {"7", "/", "{"}},
        {0x25, {"8", "(", "["}},  {0x26, {"9", ")", "]"}}, {0x27, {"0", "=", "}"}},
        {0x2D, {"ß", "?", "\\"}}, {0x2E, {"", "", ""}},    {0x2F, {"ü", "Ü", ""}},
        {0x30, {"+", "*", "~"}},  {0x31, {"#", "'", ""}},  {0x32, {"#", "'", ""}},
        {0x33, {"ö", "Ö", ""}},   {0x34, {"ä", "Ä", ""}},  {0x35, {"", "°", ""}},
        {0x36, {",", ";", ""}},   {0x37, {".", ":", ""}},  {0x38, {"-", "_", ""}},
        {0x64, {"<", ">", "|"}},  {0x63, {",", ",", ""}},
    };
    return rows;
}

// French AZERTY: rows that differ from US (xkeyboard-config symbols/fr "basic"); digits need
// Shift on this layout, which is why scanners set to AZERTY send Shift+digit.
const std::vector<KeyRow>& fr_rows() {
    static const std::vector<KeyRow> rows = {
        {0x04, {"q", "Q", ""}},  {0x10, {",", "?", ""}},   {0x14, {"a", "A", ""}},
        {0x1A, {"z", "Z", ""}},  {0x1D, {"w", "W", ""}},   {0x08, {"e", "E", "€"}},
        {0x1E, {"&", "1", ""}},  {0x1F, {"é", "2", ""}},   {0x20, {"\"", "3", "#"}},
        {0x21, {"'", "4", "{"}}, {0x22, {"(", "5", "["}},  {0x23, {"-", "6", "|"}},
        {0x24, {"è", "7", ""}},  {0x25, {"_", "8", "\\"}}, {0x26, {"ç", "9", "^"}},
        {0x27, {"à", "0", "@"}}, {0x2D, {")", "°", "]"}},  {0x2E, {"=", "+", "}"}},
        {0x2F, {"", "", ""}},    {0x30, {"$", "£", "¤"}},  {0x31, {"*", "µ", ""}},
        {0x32, {"*", "µ", ""}},  {0x33, {"m", "M", ""}},   {0x34, {"ù", "%", ""}},
        {0x35, {"²", "", ""}},   {0x36, {";", ".", ""}},   {0x37, {":", "/", ""}},
        {0x38, {"!", "§", ""}},  {0x64, {"<", ">", ""}},
    };
    return rows;
}

std::vector<KeyRow> with_overrides(const std::vector<KeyRow>& overrides) {
    std::vector<KeyRow> rows = us_rows();
    rows.insert(rows.end(), overrides.begin(), overrides.end());  // later rows win
    return rows;
}

}  // namespace

KeyboardLayout::KeyboardLayout(std::string name, const std::vector<KeyRow>& rows)
    : m_name(std::move(name)) {
    for (const auto& row : rows)
        m_keys[row.usage] = row.chars;
}

const KeyboardLayout& us_layout() {
    static const KeyboardLayout layout("us", us_rows());
    return layout;
}

const KeyboardLayout* find_keyboard_layout(std::string_view name) {
    static const KeyboardLayout de("de", with_overrides(de_rows()));
    static const KeyboardLayout fr("fr", with_overrides(fr_rows()));
    if (name == "us") return &us_layout();
    if (name == "de") return &de;
    if (name == "fr") return &fr;
    return nullptr;
}

std::vector<std::string> keyboard_layout_names() {
    return {"us", "de", "fr"};
}

}  // namespace rs::devices
