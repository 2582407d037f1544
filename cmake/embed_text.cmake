# Turns one text file into a C++ raw string literal (the contents of an initializer), so the
# binary carries its data and needs no files at run time.
file(READ ${IN} text)
file(WRITE ${OUT}.tmp "R\"keeltext(${text})keeltext\"\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
