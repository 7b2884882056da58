// TempDir: a fresh folder per test, removed afterwards, for real store files; and, for the tests
// CTest runs again on PostgreSQL, fresh databases in the throw-away cluster.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include "common/store/database.h"

namespace rs::test {

class TempDir {
public:
    TempDir() {
        m_path = std::filesystem::temp_directory_path() /
                 ("rs-test-" + std::to_string(::getpid()) + "-" + std::to_string(next_number()));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
        drop_databases();
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

    // Where a store named `name` lives for this test: a file here, or, when the test runs on
    // the PostgreSQL engine (RS_TEST_ENGINE=postgres, which CTest sets for the `postgres`
    // copies of the tests), the URL of a database made for it and dropped with this folder.
    // The same name gives the same store.
    std::string store(const std::string& name) const {
        if (!on_postgres()) return file(name);
        auto found = m_databases.find(name);
        if (found != m_databases.end()) return url_of(found->second);
        std::string database = "rs_" + std::to_string(::getpid()) + "_" +
                               std::to_string(next_number()) + "_" + identifier(name);
        admin_exec("CREATE DATABASE " + database);
        m_databases.emplace(name, database);
        return url_of(database);
    }

    static bool on_postgres() {
        const char* engine = std::getenv("RS_TEST_ENGINE");
        return engine && std::string(engine) == "postgres";
    }

private:
    static int next_number() {
        static std::atomic<int> counter{0};
        return counter++;
    }

    // The cluster's admin URL (`postgresql://rs@127.0.0.1:PORT/postgres`), from the file
    // tests/postgres/cluster.sh wrote.
    static std::string admin_url() {
        const char* file = std::getenv("RS_TEST_POSTGRES_URL_FILE");
        std::ifstream in(file ? file : "");
        std::string url;
        if (!std::getline(in, url) || url.empty())
            throw std::runtime_error(
                "RS_TEST_ENGINE=postgres but no test cluster: RS_TEST_POSTGRES_URL_FILE names no "
                "URL (CTest starts the cluster through the fixture `postgres cluster`)");
        return url;
    }
    static std::string url_of(const std::string& database) {
        std::string url = admin_url();
        return url.substr(0, url.rfind('/') + 1) + database;
    }
    static std::string identifier(const std::string& name) {
        std::string out;
        for (char c : name)
            out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c))
                                                               : '_';
        return out.substr(0, 30);
    }
    static void admin_exec(const std::string& sql) {
        auto admin = store::Database::open(admin_url());
        if (!admin) throw std::runtime_error(admin.error().describe());
        if (auto done = admin->exec(sql); !done) throw std::runtime_error(done.error().describe());
    }
    void drop_databases() {
        for (const auto& [name, database] : m_databases) {
            try {
                // FORCE: a connection a test left open (a killed child's) must not keep it.
                admin_exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (const std::exception&) {
                // the cluster goes at the end of the run anyway
            }
        }
    }

    std::filesystem::path m_path;
    mutable std::map<std::string, std::string> m_databases;  // name -> database, for store()
};

}  // namespace rs::test
