// Runs a fuzz target on a bounded number of deterministic pseudo-random inputs (and the scanner
// fixtures' bytes, mutated), so the test suite exercises it without libFuzzer or clang.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::vector<std::vector<std::uint8_t>> seeds;
    for (int i = 2; i < argc; ++i) {
        std::ifstream file(argv[i]);
        std::vector<std::uint8_t> bytes;
        std::string line;
        while (std::getline(file, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream words(line);
            std::string word;
            while (words >> word)
                bytes.push_back(static_cast<std::uint8_t>(std::stoul(word, nullptr, 16)));
        }
        seeds.push_back(std::move(bytes));
    }
    std::mt19937 random(12345);  // fixed: a failure reproduces
    for (int run = 0; run < runs; ++run) {
        std::vector<std::uint8_t> input;
        if (!seeds.empty() && run % 2 == 0) {
            input = seeds[static_cast<std::size_t>(run / 2) % seeds.size()];
            for (int flips = 0; flips < 4 && !input.empty(); ++flips)
                input[random() % input.size()] = static_cast<std::uint8_t>(random());
            input.resize(random() % (input.size() + 1));
        } else {
            input.resize(random() % 300);
            for (auto& byte : input)
                byte = static_cast<std::uint8_t>(random());
        }
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    return 0;
}
