// Shared test helpers.
#include "tests/support/test_support.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace dyad::tests {

TempDir::TempDir() {
    std::random_device rd;
    path_ =
        std::filesystem::temp_directory_path() / ("dyad-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path source_dir() { return DYAD_TEST_SOURCE_DIR; }
std::filesystem::path data_dir() { return source_dir() / "data"; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

}  // namespace dyad::tests
