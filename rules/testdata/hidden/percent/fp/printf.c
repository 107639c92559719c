printf("%s %d %2d %x %08x %-10s %5.2f %%\n", name, count, width, flags, mask, label, ratio);
