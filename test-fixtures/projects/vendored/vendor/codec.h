int vendor_compress(long level);
int old_style();
