// Runs a fuzz target on a bounded number of deterministic inputs, so the test suite exercises it
// without libFuzzer or clang: every seed as it is first (so the properties a target checks on a
// successful parse are checked on real examples), then seeds mutated (bytes flipped, inserted,
// deleted, duplicated, cut) and random bytes.
// Usage: fuzz_X_bounded RUNS SEED...  where a SEED is a directory (every file in it, raw bytes:
// the corpus of tests/fixtures/fuzz/<target>/, shared with scripts/fuzz.sh) or a file (".hex":
// hex text, '#' comments; anything else: raw bytes). With FUZZ_LAST_INPUT=FILE set, every input
// is written there before it runs: after a failure FILE holds the input to add to the corpus.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes read_raw(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

Bytes read_hex(const std::filesystem::path& path) {
    std::ifstream file(path);
    Bytes bytes;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string word;
        while (words >> word)
            bytes.push_back(static_cast<std::uint8_t>(std::stoul(word, nullptr, 16)));
    }
    return bytes;
}

void add_seeds(const std::filesystem::path& path, std::vector<Bytes>& seeds) {
    if (std::filesystem::is_directory(path)) {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());  // directory order varies: keep runs reproducible
        for (const auto& file : files)
            seeds.push_back(read_raw(file));
    } else if (path.extension() == ".hex") {
        seeds.push_back(read_hex(path));
    } else if (std::filesystem::exists(path)) {
        seeds.push_back(read_raw(path));
    } else {
        std::fprintf(stderr, "no such seed: %s\n", path.c_str());
        std::exit(2);
    }
}

// A few edits of one seed, the kinds libFuzzer makes most: text formats survive them better than
// random bytes, so the parser gets past its first check.
Bytes mutate(Bytes input, std::mt19937& random) {
    int edits = 1 + static_cast<int>(random() % 4);
    for (int edit = 0; edit < edits; ++edit) {
        std::size_t size = input.size();
        std::size_t at = size ? random() % size : 0;
        switch (random() % 6) {
            case 0:  // a random byte
                if (size) input[at] = static_cast<std::uint8_t>(random());
                break;
            case 1:  // a byte inserted
                input.insert(input.begin() + static_cast<std::ptrdiff_t>(at),
                             static_cast<std::uint8_t>(random()));
                break;
            case 2:  // a stretch deleted
                if (size)
                    input.erase(input.begin() + static_cast<std::ptrdiff_t>(at),
                                input.begin() + static_cast<std::ptrdiff_t>(
                                                    std::min(size, at + 1 + random() % 16)));
                break;
            case 3: {  // a stretch of the input copied elsewhere in it
                if (!size) break;
                std::size_t from = random() % size;
                std::size_t length = std::min<std::size_t>(size - from, 1 + random() % 32);
                Bytes piece(input.begin() + static_cast<std::ptrdiff_t>(from),
                            input.begin() + static_cast<std::ptrdiff_t>(from + length));
                input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), piece.begin(),
                             piece.end());
                break;
            }
            case 4:  // cut short
                input.resize(at);
                break;
            default:  // a digit or a delimiter: what text parsers branch on
                if (size) {
                    // Sized from the text itself: a hand count once read past its end.
                    constexpr std::string_view k_delimiters = "09-:,.\"[]{}=\n\x1d#\\";
                    input[at] =
                        static_cast<std::uint8_t>(k_delimiters[random() % k_delimiters.size()]);
                }
                break;
        }
    }
    return input;
}

void run_one(const Bytes& input) {
    if (const char* keep = std::getenv("FUZZ_LAST_INPUT")) {
        std::ofstream file(keep, std::ios::binary | std::ios::trunc);
        file.write(reinterpret_cast<const char*>(input.data()),
                   static_cast<std::streamsize>(input.size()));
    }
    LLVMFuzzerTestOneInput(input.data(), input.size());
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::vector<Bytes> seeds;
    for (int i = 2; i < argc; ++i)
        add_seeds(argv[i], seeds);
    for (const auto& seed : seeds)
        run_one(seed);
    std::mt19937 random(12345);  // fixed: a failure reproduces
    for (int run = 0; run < runs; ++run) {
        Bytes input;
        if (!seeds.empty() && run % 4 != 3) {
            input = mutate(seeds[random() % seeds.size()], random);
        } else {
            input.resize(random() % 300);
            for (auto& byte : input)
                byte = static_cast<std::uint8_t>(random());
        }
        run_one(input);
    }
    std::printf("%zu seeds and %d inputs, no failure\n", seeds.size(), runs);
    return 0;
}
