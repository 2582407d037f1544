#include "io/smtp.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

#include "io/curl_library.h"

namespace keel {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// A header field's value on one line: CR and LF would start a header of the sender's choosing.
std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

// The curl handle and lists of one message, freed whatever happens.
struct Transfer {
  explicit Transfer(const LibCurl& library) : lib(library), curl(lib.easy_init()) {}
  const LibCurl& lib;
  CURL* curl;
  curl_mime* mime = nullptr;
  curl_slist* recipients = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* part_headers = nullptr;
  ~Transfer() {
    lib.slist_free_all(recipients);
    lib.slist_free_all(headers);
    lib.slist_free_all(part_headers);
    lib.mime_free(mime);  // frees the nested parts too
    if (curl) lib.easy_cleanup(curl);
  }
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
};

class CurlRelay final : public MailRelay {
 public:
  CurlRelay(const LibCurl& lib, SmtpSettings settings)
      : lib_(lib), settings_(std::move(settings)) {}

  RelayAnswer Send(const MailMessage& m) override {
    Transfer t(lib_);
    if (!t.curl) return {RelayAnswer::Kind::kTransient, 0, "libcurl could not start a transfer"};
    std::array<char, CURL_ERROR_SIZE> error{};
    lib_.easy_setopt(t.curl, CURLOPT_ERRORBUFFER, error.data());
    lib_.easy_setopt(t.curl, CURLOPT_URL, settings_.url.c_str());
    lib_.easy_setopt(t.curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    lib_.easy_setopt(t.curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
    lib_.easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, 20L);
    lib_.easy_setopt(t.curl, CURLOPT_NOSIGNAL, 1L);
    if (!settings_.username.empty()) {
      lib_.easy_setopt(t.curl, CURLOPT_USERNAME, settings_.username.c_str());
      lib_.easy_setopt(t.curl, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const std::string from = "<" + OneLine(m.from) + ">";
    lib_.easy_setopt(t.curl, CURLOPT_MAIL_FROM, from.c_str());
    t.recipients = lib_.slist_append(t.recipients, ("<" + OneLine(m.to) + ">").c_str());
    lib_.easy_setopt(t.curl, CURLOPT_MAIL_RCPT, t.recipients);

    const std::string from_field =
        m.from_name.empty()
            ? OneLine(m.from)
            : fmt::format("{} <{}>", EncodedHeaderText(m.from_name), OneLine(m.from));
    for (const std::string& field :
         {"From: " + from_field, "To: <" + OneLine(m.to) + ">",
          "Subject: " + EncodedHeaderText(m.subject), std::string("MIME-Version: 1.0")}) {
      t.headers = lib_.slist_append(t.headers, field.c_str());
    }
    for (const auto& [name, value] : m.headers) {
      t.headers = lib_.slist_append(t.headers, (name + ": " + OneLine(value)).c_str());
    }
    lib_.easy_setopt(t.curl, CURLOPT_HTTPHEADER, t.headers);

    // multipart/alternative (plain text, then HTML) inside the message's multipart/mixed, as
    // curl builds a mail's body.
    t.mime = lib_.mime_init(t.curl);
    curl_mime* alternative = lib_.mime_init(t.curl);
    curl_mimepart* text = lib_.mime_addpart(alternative);
    lib_.mime_data(text, m.text.data(), m.text.size());
    lib_.mime_type(text, "text/plain; charset=utf-8");
    lib_.mime_encoder(text, "quoted-printable");
    curl_mimepart* html = lib_.mime_addpart(alternative);
    lib_.mime_data(html, m.html.data(), m.html.size());
    lib_.mime_type(html, "text/html; charset=utf-8");
    lib_.mime_encoder(html, "quoted-printable");
    curl_mimepart* body = lib_.mime_addpart(t.mime);
    lib_.mime_subparts(body, alternative);
    lib_.mime_type(body, "multipart/alternative");
    t.part_headers = lib_.slist_append(t.part_headers, "Content-Disposition: inline");
    lib_.mime_headers(body, t.part_headers, 0);
    lib_.easy_setopt(t.curl, CURLOPT_MIMEPOST, t.mime);

    const CURLcode result = lib_.easy_perform(t.curl);
    long code = 0;
    lib_.easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
    if (result == CURLE_OK) return {RelayAnswer::Kind::kAccepted, code, ""};
    std::string detail = error[0] != '\0' ? error.data() : lib_.easy_strerror(result);
    if (code > 0 && detail.find(std::to_string(code)) == std::string::npos) {
      detail = fmt::format("{} (the relay answered {})", detail, code);
    }
    // A refused login is keel's configuration, not the address: tried again once it is fixed.
    const bool permanent = code >= 500 && code <= 599 && result != CURLE_LOGIN_DENIED;
    return {permanent ? RelayAnswer::Kind::kPermanent : RelayAnswer::Kind::kTransient, code,
            OneLine(detail)};
  }

 private:
  const LibCurl& lib_;
  SmtpSettings settings_;
};

}  // namespace

std::string EncodedHeaderText(std::string_view text) {
  bool plain = true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) plain = false;
  }
  if (plain) return std::string(text);
  // Encoded words of at most 45 bytes each (60 characters of base64), never splitting a UTF-8
  // character, so every line of the folded header stays short.
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = std::min(text.size(), at + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

Result<std::unique_ptr<MailRelay>> SmtpRelay(const SmtpSettings& settings) {
  if (!settings.url.starts_with("smtp://") && !settings.url.starts_with("smtps://")) {
    return Error{fmt::format("the relay '{}' is not an SMTP URL; give one like "
                             "smtp://relay.example:587 (or smtps:// for TLS from the start)",
                             settings.url),
                 ErrorCode::kInvalid, "smtp"};
  }
  Result<const LibCurl*> lib = LoadLibCurl();
  if (!lib.ok()) return lib.status();
  return std::unique_ptr<MailRelay>(std::make_unique<CurlRelay>(**lib, settings));
}

}  // namespace keel
