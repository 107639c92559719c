package config

import (
	"fmt"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes parseSize knows, longest first. They are
// binary units, as for --max-file-size.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
	{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
	{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
}

// parseSize parses a positive size such as "1048576", "512KiB" or "10MiB"
// (case-insensitive, K/M/G and KB/MB/GB also binary), with the syntax of
// the --max-file-size flag.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range sizeUnits {
		if strings.HasSuffix(upper, u.suffix) {
			t = strings.TrimSpace(t[:len(t)-len(u.suffix)])
			mult = u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<63-1)/mult {
		return 0, fmt.Errorf("invalid size %q (want bytes or e.g. \"10MiB\")", s)
	}
	return n * mult, nil
}
