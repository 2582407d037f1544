# Turns src/store/migrations/NNNN_name.sql into a C++ initializer list of {version, name, sql},
# so the binary carries its schema and needs no files at run time.
file(GLOB files ${IN_DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" version ${name})
  math(EXPR version "${version}")
  file(READ ${f} sql)
  string(APPEND body "{${version}, \"${name}\", R\"keelsql(${sql})keelsql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
