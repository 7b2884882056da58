// BackgroundProcess: fork/exec with output redirected to files, and signal-then-reap.
#include "tests/support/background_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "tests/support/text.h"

extern char** environ;

namespace rs::test {

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::string& log_prefix,
                                     const std::vector<std::string>& environment)
    : m_out_path(log_prefix + ".out"), m_err_path(log_prefix + ".err") {
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<std::string> env_strings;
    for (char** entry = environ; *entry; ++entry)
        env_strings.emplace_back(*entry);
    env_strings.insert(env_strings.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& entry : env_strings)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    std::vector<std::string> args_copy = argv;
    std::vector<char*> args;
    for (auto& arg : args_copy)
        args.push_back(arg.data());
    args.push_back(nullptr);
    int out = ::open(m_out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = ::open(m_err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || in < 0) throw std::runtime_error("cannot open the output files");
    m_pid = fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execve(args[0], args.data(), envp.data());
        _exit(127);
    }
    ::close(out);
    ::close(err);
    ::close(in);
}

BackgroundProcess::~BackgroundProcess() {
    if (!m_done && m_pid > 0) stop(SIGKILL);
}

ProcessResult BackgroundProcess::finish(int status) {
    m_done = true;
    if (WIFEXITED(status)) m_result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) m_result.signal = WTERMSIG(status);
    m_result.out = out();
    m_result.err = err();
    return m_result;
}

bool BackgroundProcess::running() {
    if (m_done) return false;
    int status = 0;
    pid_t reaped = waitpid(m_pid, &status, WNOHANG);
    if (reaped == m_pid) {
        finish(status);
        return false;
    }
    return true;
}

ProcessResult BackgroundProcess::stop(int signal) {
    if (m_done) return m_result;
    ::kill(m_pid, signal);
    return wait();
}

ProcessResult BackgroundProcess::wait() {
    if (m_done) return m_result;
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0)
        if (errno != EINTR) break;
    return finish(status);
}

std::string BackgroundProcess::out() const {
    return read_text(m_out_path);
}

std::string BackgroundProcess::err() const {
    return read_text(m_err_path);
}

bool BackgroundProcess::wait_for_output(const std::string& text, std::chrono::milliseconds limit) {
    return eventually([&] { return out().find(text) != std::string::npos || !running(); }, limit) &&
           out().find(text) != std::string::npos;
}

}  // namespace rs::test
