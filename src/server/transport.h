// HTTP/1.1 over TCP for keel serve, on Boost.Beast: the sockets, limits and deadlines, and
// nothing of keel's routes (server.cc) or its API (api.cc).
//
// Contract: no single client can stop the server or hold it. Reading costs no thread (an
// io_context run by a few threads; a slow client is an idle socket); every request's header and
// body must arrive within one deadline, and an idle keep-alive connection is closed after another;
// headers and bodies are bounded however they are framed (Content-Length or chunked); the number
// of open connections is capped; the work that may block (the database) runs on a small worker
// pool, so the I/O threads always keep reading and answering. No exception leaves the transport.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace keel {

struct HttpRequest {
  std::string method;  // as sent: "GET", "POST"
  std::string target;  // raw, still percent-encoded: "/api/list?org=Caf%C3%A9"
  /// In the order sent; names in lower case; repeated headers are kept (and can be refused).
  std::vector<std::pair<std::string, std::string>> headers;
  /// True when a body follows the header (a Content-Length above 0, or chunked).
  bool has_body = false;
  std::string body;  // empty until the whole request has arrived (in OnRequest)
  std::string peer;  // the client's address as the socket sees it ("127.0.0.1", "::1")

  /// The first value of the header `name` (lower case), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  /// How many times the header `name` (lower case) was sent.
  size_t HeaderCount(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond HttpOptions::headers
};

struct HttpOptions {
  size_t max_header = size_t{16} * 1024;  // request line and headers; beyond: 431
  size_t max_body = size_t{64} * 1024;    // Content-Length or the sum of the chunks; beyond: 413
                                          // (HttpApp::MaxBody may allow a route more)
  /// From a request's first byte to its last (header and body): a client that trickles bytes is
  /// closed when it runs out, and holds no thread meanwhile.
  std::chrono::milliseconds request_deadline{10'000};
  /// How long a keep-alive connection may wait for its next request (or a new one for its first).
  std::chrono::milliseconds idle_timeout{5'000};
  /// For a response to be taken by the client.
  std::chrono::milliseconds write_deadline{30'000};
  /// Connections open at once; one more is answered 503 and closed.
  size_t max_connections = 512;
  int io_threads = 2;
  int workers = 8;  // threads for HttpApp::OnRequest
  /// Sent with every response, the transport's own refusals included.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// What the transport serves. Every method may be called from several threads at once; an
/// exception thrown by one becomes a 500 for that request only.
class HttpApp {
 public:
  virtual ~HttpApp() = default;
  /// On an I/O thread as soon as a request's header has arrived, before its body is read: an
  /// answer returned here (a refusal, an embedded file) is sent without reading the body. Must be
  /// quick and must not block. nullopt: read the body, then OnRequest.
  virtual std::optional<HttpResponse> OnHeader(const HttpRequest& head) = 0;
  /// The largest body this request may carry, asked once its header has passed OnHeader (an
  /// upload route takes more than a form); nullopt: HttpOptions::max_body.
  virtual std::optional<size_t> MaxBody(const HttpRequest& head) {
    (void)head;
    return std::nullopt;
  }
  /// On a worker thread with the whole request; may block (the database).
  virtual HttpResponse OnRequest(const HttpRequest& request) = 0;
  /// The response for a refusal of the transport's own (400 malformed HTTP, 413, 431, 503, 500).
  virtual HttpResponse OnError(int status, const std::string& message) = 0;
};

class HttpTransport {
 public:
  /// `app` must outlive the transport.
  HttpTransport(HttpOptions options, HttpApp& app);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  /// Binds and listens (SO_REUSEADDR, never SO_REUSEPORT: a taken port is an error); returns the
  /// port, useful with 0. The error carries the system's reason.
  Result<int> Listen(const std::string& address, int port);
  /// Serves until Stop() and every request in flight has been answered.
  Status Run();
  /// Safe from any thread, before or during Run(): stops accepting, closes idle and half-received
  /// connections at once, and lets requests already being handled finish.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keel
