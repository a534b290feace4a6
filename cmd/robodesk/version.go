package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func init() {
	register("version", "print the version", func(e env) int {
		v := version
		if info, ok := debug.ReadBuildInfo(); ok && v == "dev" {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += "+" + s.Value[:12]
				}
			}
		}
		fmt.Fprintf(e.stdout, "robodesk %s\n", v)
		return exitOK
	})
}
