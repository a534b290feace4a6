// Command robodesk designs Bitrix24 CRM robots offline. With no subcommand it opens the desktop
// app; subcommands serve scripts, CI and checks.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
