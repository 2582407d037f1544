# Turns the dashboard's files into a C++ initializer list of {url path, content type, body}, so
# keel serves its page with no files beside it and nothing fetched at run time. LIST names a file
# with one "path|type|file" line per asset.
file(STRINGS ${LIST} lines)
set(body "")
foreach(line ${lines})
  string(REPLACE "|" ";" parts "${line}")
  list(GET parts 0 url)
  list(GET parts 1 type)
  list(GET parts 2 path)
  file(READ ${path} content)
  string(APPEND body "{\"${url}\", \"${type}\", R\"keelasset(${content})keelasset\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
