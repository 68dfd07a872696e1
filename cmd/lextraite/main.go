// Command lextraite indexes a corpus of legal texts on trafficking in
// persons and migrant smuggling and serves it as a web site and a JSON API.
//
// Usage:
//
//	lextraite index  -corpus DIR -index DIR [-meta DIR]
//	lextraite serve  -index DIR [-corpus DIR] [-meta DIR] [-addr 127.0.0.1:8080]
//	lextraite search -index DIR [-json] [-limit 10] QUERY
//
// Run "lextraite help" or "lextraite CMD -h" for the flags of each command.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
