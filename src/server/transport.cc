// Why Beast, and why this shape: cpp-httplib 0.11 gave each connection a blocking worker thread
// until it closed, with no deadline for a request's header, so 70 idle keep-alive connections took
// all 64 workers and 80 clients trickling bytes froze the server; its body limit did not cover
// chunked bodies (200 MB were read before a 403). Here a connection is a few objects on an
// io_context, not a thread:
//
//   wait (idle timeout) -> header (deadline starts at the first byte) -> HttpApp::OnHeader
//     -> answered now? write it, and close when a body was left unread
//     -> else body (same deadline, body_limit) -> worker pool: HttpApp::OnRequest -> write
//   -> keep-alive? wait again : linger (drain a little of what the client still sends) and close
//
// Each connection's steps run on its own strand, so a HttpSession needs no lock. The worker pool is
// separate from the I/O threads because a request may wait on SQLite (a CLI write holding the
// lock, up to the busy timeout): on an I/O thread that wait would stall every connection the
// thread serves, static files and deadlines included. The hop costs two thread wake-ups per API
// request, small beside the request's own work.
#include "server/transport.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/text.h"

namespace keel {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::optional<std::string_view> HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

size_t HttpRequest::HeaderCount(std::string_view name) const {
  return static_cast<size_t>(std::count_if(headers.begin(), headers.end(),
                                           [&](const auto& h) { return h.first == name; }));
}

namespace {

// After a refusal that leaves a body unread, the rest is read and dropped for at most this long
// and this much before the socket closes: closing with unread bytes makes the kernel send a reset,
// which can destroy the refusal before the client reads it.
constexpr auto kLinger = std::chrono::milliseconds(1000);
constexpr size_t kLingerBytes = size_t{1} << 20;
// Refused connections beyond max_connections (answered 503) may add this many more at once;
// past that a new connection is closed without a word.
constexpr size_t kRefusalSlots = 64;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

class HttpSession;

// The listening side and what every session shares (HttpTransport::Impl, by another name that a
// HttpSession may see).
struct Core {
  Core(HttpOptions o, HttpApp& a)
      : options(std::move(o)),
        app(a),
        accept_strand(net::make_strand(io)),
        acceptor(accept_strand),
        accept_retry(accept_strand) {}

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  // Adds a session unless stopping; false means close it.
  bool Register(HttpSession* s, const std::shared_ptr<HttpSession>& shared);
  void Unregister(HttpSession* s);

  HttpOptions options;
  HttpApp& app;
  // Declared before the io_context: sessions still held by its handlers unregister when it dies.
  std::mutex mu;
  bool stopping = false;
  std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> sessions;
  std::atomic<size_t> open{0};
  std::atomic<size_t> refusing{0};

  net::io_context io;
  net::strand<net::io_context::executor_type> accept_strand;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  std::optional<net::thread_pool> workers;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(Core& server, tcp::socket socket, bool refuse)
      : server_(server), stream_(std::move(socket)), refuse_(refuse) {
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = remote.address().to_string();
  }

  ~HttpSession() {
    if (refuse_) {
      --server_.refusing;
    } else {
      server_.Unregister(this);
    }
  }

  // From the accept strand: everything else runs on this connection's own strand.
  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Begin(); });
  }

  // From any thread: closes the connection unless a request is being handled or answered.
  void Stop() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (self->state_ != State::kHandling && self->state_ != State::kWriting) self->Close();
    });
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kLingering };

  void Begin() {
    if (refuse_) {
      close_after_ = true;
      state_ = State::kWriting;
      Respond(Error(503, "the server has too many connections open; try again in a moment"));
      return;
    }
    if (!server_.Register(this, shared_from_this())) {
      Close();
      return;
    }
    WaitForRequest();
  }

  const HttpOptions& options() const { return server_.options; }

  HttpResponse Error(int status, const std::string& message) {
    try {
      return server_.app.OnError(status, message);
    } catch (...) {
      return HttpResponse{status, "text/plain; charset=utf-8", message + "\n", {}};
    }
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  // Between requests: the idle timeout runs until the next request's first byte.
  void WaitForRequest() {
    state_ = State::kIdle;
    if (stopping_) return Close();
    if (buffer_.size() > 0) return ReadHeader();  // pipelined
    stream_.expires_after(options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) return self->Close();
                              self->buffer_.commit(n);
                              self->ReadHeader();
                            });
  }

  void ReadHeader() {
    state_ = State::kReading;
    stream_.expires_after(options().request_deadline);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header));
    // The body's limit is set once the header has passed HttpApp::OnHeader, so a request that
    // is refused anyway (no token) hears why rather than "too large".
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // An error while reading: a refusal worth sending, or a connection to drop.
  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      close_after_ = true;
      return Respond(Error(
          413, fmt::format("the request body is over {} KiB; send less", body_limit_ / 1024)));
    }
    if (ec == http::error::header_limit ||
        (ec == http::error::buffer_overflow && !parser_->is_header_done())) {
      close_after_ = true;
      return Respond(Error(
          431, fmt::format("the request's headers are over {} KiB", options().max_header / 1024)));
    }
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      close_after_ = true;
      return Respond(
          Error(400, fmt::format("the request is not valid HTTP/1.1 ({})", ec.message())));
    }
    Close();  // the client left, timed out or the server is stopping: nobody to answer
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& head = parser_->get();
    request_ = HttpRequest{};
    request_.method = std::string(View(head.method_string()));
    request_.target = std::string(View(head.target()));
    request_.peer = peer_;
    for (const auto& field : head) {
      request_.headers.emplace_back(Lower(View(field.name_string())),
                                    std::string(View(field.value())));
    }
    request_.has_body = !parser_->is_done();
    std::optional<HttpResponse> early;
    try {
      early = server_.app.OnHeader(request_);
    } catch (const std::exception& e) {
      early = Error(500, fmt::format("internal error: {}", e.what()));
    } catch (...) {
      early = Error(500, "internal error");
    }
    if (early) {
      close_after_ = !parser_->is_done();  // the body stays unread: this connection is done
      return Respond(std::move(*early));
    }
    if (parser_->is_done()) return Handle();
    body_limit_ = options().max_body;
    try {
      body_limit_ = server_.app.MaxBody(request_).value_or(options().max_body);
    } catch (...) {
      // The default limit stands; OnRequest will meet the same failure and answer it.
    }
    if (const auto length = parser_->content_length(); length && *length > body_limit_) {
      return OnReadError(http::error::body_limit);
    }
    parser_->body_limit(body_limit_);  // chunked: counted as the chunks arrive
    if (parser_->get()[http::field::expect] == "100-continue") {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code wec, size_t) {
                         if (wec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->OnReadError(ec);
                       self->Handle();
                     });
  }

  // The whole request is here: the worker pool answers it, the strand writes the answer.
  void Handle() {
    state_ = State::kHandling;
    request_.body = std::move(parser_->get().body());
    net::post(*server_.workers,
              [self = shared_from_this(), work = net::make_work_guard(server_.io)]() mutable {
                HttpResponse response;
                try {
                  response = self->server_.app.OnRequest(self->request_);
                } catch (const std::exception& e) {
                  response = self->Error(500, fmt::format("internal error: {}", e.what()));
                } catch (...) {
                  response = self->Error(500, "internal error");
                }
                net::post(self->stream_.get_executor(),
                          [self, response = std::move(response), work = std::move(work)]() mutable {
                            self->Respond(std::move(response));
                          });
              });
  }

  void Respond(HttpResponse r) {
    state_ = State::kWriting;
    const unsigned version = parser_ ? parser_->get().version() : 11;
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : options().headers) response_.set(name, value);
    for (const auto& [name, value] : r.headers) response_.set(name, value);
    if (!r.content_type.empty()) response_.set(http::field::content_type, r.content_type);
    const bool keep_alive = !close_after_ && !stopping_ && parser_ && parser_->get().keep_alive();
    response_.keep_alive(keep_alive);
    response_.body() = std::move(r.body);
    response_.prepare_payload();
    if (parser_ && parser_->get().method() == http::verb::head) {
      response_.body().clear();  // the length stays the one a GET would have
    }
    stream_.expires_after(options().write_deadline);
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (!self->response_.keep_alive()) return self->Linger();
                        self->WaitForRequest();
                      });
  }

  void Linger() {
    state_ = State::kLingering;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLinger);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ >= kLingerBytes) return self->Close();
                              self->Drain();
                            });
  }

  Core& server_;
  beast::tcp_stream stream_;
  // Bounded: a chunk header or a run of pipelined requests cannot grow it without end.
  beast::flat_buffer buffer_{size_t{64} * 1024};
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  std::string peer_;
  http::response<http::string_body> response_;
  std::array<char, 4096> scratch_{};
  size_t drained_ = 0;
  State state_ = State::kIdle;
  bool refuse_ = false;
  bool close_after_ = false;
  size_t body_limit_ = 0;  // this request's, from HttpApp::MaxBody
  bool stopping_ = false;
};

bool Core::Register(HttpSession* s, const std::shared_ptr<HttpSession>& shared) {
  std::lock_guard lock(mu);
  if (stopping) return false;
  sessions.emplace(s, shared);
  return true;
}

void Core::Unregister(HttpSession* s) {
  {
    std::lock_guard lock(mu);
    sessions.erase(s);
  }
  --open;
}

void Core::Accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void Core::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor.is_open()) return;  // stopping
  if (ec) {
    // Out of file descriptors, or a connection reset before it was taken: try again shortly
    // instead of spinning (or giving up, which would stop the server).
    accept_retry.expires_after(std::chrono::milliseconds(50));
    accept_retry.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec) Accept();
    });
    return;
  }
  try {
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    bool refuse = false;
    if (++open > options.max_connections) {
      --open;
      refuse = true;
      if (++refusing > kRefusalSlots) {
        --refusing;
        socket.close(ignored);
        return Accept();
      }
    }
    std::make_shared<HttpSession>(*this, std::move(socket), refuse)->Start();
  } catch (...) {
    // Out of memory for one connection: drop it, keep accepting.
  }
  Accept();
}

}  // namespace

struct HttpTransport::Impl : Core {
  using Core::Core;
};

HttpTransport::HttpTransport(HttpOptions options, HttpApp& app)
    : impl_(std::make_unique<Impl>(std::move(options), app)) {}

HttpTransport::~HttpTransport() = default;

Result<int> HttpTransport::Listen(const std::string& address, int port) {
  Impl& s = *impl_;
  beast::error_code ec;
  tcp::resolver resolver(s.io);
  const auto results = resolver.resolve(
      address, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Error{fmt::format("cannot resolve '{}': {}", address, ec.message())};
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    return Error{ec.message()};
  }
  return static_cast<int>(s.acceptor.local_endpoint(ec).port());
}

Status HttpTransport::Run() {
  Impl& s = *impl_;
  if (!s.acceptor.is_open()) return Error{"the server is not listening yet"};
  s.workers.emplace(static_cast<size_t>(std::max(1, s.options.workers)));
  {
    std::lock_guard lock(s.mu);
    if (!s.stopping) net::dispatch(s.accept_strand, [&s] { s.Accept(); });
  }
  // A handler that throws (out of memory) loses its own connection, never the server.
  auto run = [&s] {
    for (;;) {
      try {
        s.io.run();
        return;
      } catch (...) {
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, s.options.io_threads); ++i) threads.emplace_back(run);
  run();
  for (std::thread& t : threads) t.join();
  s.workers->join();
  return Status();
}

void HttpTransport::Stop() {
  Impl& s = *impl_;
  std::vector<std::shared_ptr<HttpSession>> open_sessions;
  {
    std::lock_guard lock(s.mu);
    if (s.stopping) return;
    s.stopping = true;
    for (auto& [ptr, weak] : s.sessions) {
      if (std::shared_ptr<HttpSession> session = weak.lock()) open_sessions.push_back(session);
    }
  }
  net::dispatch(s.accept_strand, [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.accept_retry.cancel();
  });
  for (const std::shared_ptr<HttpSession>& session : open_sessions) session->Stop();
}

}  // namespace keel
