# Turns the reason-theme model's weights (src/themes/theme_model.txt, written by
# scripts/themes/train.py) into C++ constants, so that no process parses 44,000 numbers at run
# time: the class names, the biases, and one row per feature, sorted for a binary search
# (themes/model.cc checks the order at compile time).
#
#   cmake -DIN=theme_model.txt -DOUT=theme_model_rows.inc -P embed_theme_model.cmake
file(STRINGS ${IN} lines)
set(rows "")
set(classes "")
set(bias "")
foreach(line IN LISTS lines)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  elseif(line MATCHES "^classes (.+)$")
    set(classes "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^bias (.+)$")
    string(REPLACE " " ", " bias "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^([a-z0-9+]+) ([-+0-9.e ]+)$")
    # Float literals (suffix f), read by the compiler as from_chars read them into floats; a
    # whole number gets a point first ("1" is no float literal, "1.f" is). Twice, since two
    # whole numbers in a row share the space between them.
    set(weights " ${CMAKE_MATCH_2} ")
    set(key "${CMAKE_MATCH_1}")
    foreach(pass 1 2)
      string(REGEX REPLACE " (-?[0-9]+) " " \\1. " weights "${weights}")
    endforeach()
    string(REGEX REPLACE "([0-9.]) " "\\1f " weights "${weights}")
    string(STRIP "${weights}" weights)
    string(REPLACE " " ", " weights "${weights}")
    # '"' sorts before every feature character, so sorting the rows sorts them by feature.
    list(APPEND rows "{\"${key}\", {${weights}}},")
  else()
    message(FATAL_ERROR "${IN}: cannot read the line '${line}'")
  endif()
endforeach()
if(classes STREQUAL "" OR bias STREQUAL "")
  message(FATAL_ERROR "${IN}: the 'classes' or 'bias' line is missing")
endif()
list(SORT rows)
list(JOIN rows "\n" body)
file(WRITE ${OUT}.tmp
     "// Generated from src/themes/theme_model.txt by cmake/embed_theme_model.cmake.\n"
     "constexpr std::string_view kModelClassNames = \"${classes}\";\n"
     "constexpr std::array<double, kClasses> kModelBias = {${bias}};\n"
     "constexpr ModelRow kModelRows[] = {\n${body}\n};\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
