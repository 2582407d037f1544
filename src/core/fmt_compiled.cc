// fmt's out-of-line code, compiled once for all of keel.
//
// Debian ships fmt as headers plus a shared libfmt.so; that library needs libstdc++.so, which the
// keel binary no longer loads (it carries its C++ runtime: docs/benchmarks.md). Header-only mode
// (FMT_HEADER_ONLY) compiled this code into every unit instead, ~27% more compile time per unit.
// So this one file includes fmt's implementation header and instantiates the templates that
// fmt/format.h declares `extern`: every other unit sees declarations only.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;

template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);

}  // namespace detail
FMT_END_NAMESPACE
