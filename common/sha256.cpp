// SHA-256 through OpenSSL's low-level SHA256_* calls. OpenSSL 3 deprecates them in favour of
// EVP, but EVP's first digest in a process fetches the algorithm through the provider tables:
// about 5 million instructions (callgrind, `station firmware flash`), a twelfth of a short
// command's whole run. The low-level calls hash the same bytes directly.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common/sha256.h"

#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace rs {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    constexpr unsigned int length = SHA256_DIGEST_LENGTH;
    SHA256_CTX context;
    // These fail only on a null argument: not a condition a caller can handle.
    if (SHA256_Init(&context) != 1 || SHA256_Update(&context, bytes.data(), bytes.size()) != 1 ||
        SHA256_Final(digest, &context) != 1)
        throw std::runtime_error("libcrypto: SHA-256 failed");
    static const char k_hex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += k_hex[digest[i] >> 4];
        hex += k_hex[digest[i] & 0x0f];
    }
    return hex;
}

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

}  // namespace rs
