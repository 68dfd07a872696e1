package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"lextraite/corpus"
)

const usage = `lextraite — base de connaissances juridiques sur la traite des personnes
et le trafic illicite de migrants.

Commandes :
  index   -corpus DIR -index DIR [-meta DIR]
          lit tous les documents du corpus et construit l'index
  serve   -index DIR [-corpus DIR] [-meta DIR] [-addr 127.0.0.1:8080]
          sert le site et l'API JSON (reconstruit l'index d'abord si -corpus
          est donné et que l'index manque ou est plus ancien que le corpus)
  search  -index DIR [-json] [-limit 10] REQUÊTE
          la recherche du site, depuis le terminal
  bench   -corpus DIR [-scale 1,10,50] [-queries 400] [-c 8] [-d 10s] [-rate 200]
          mesures de vitesse sur un corpus répliqué (synthétique), comparées
          à SQLite FTS5, puis test de charge d'un serve local
  loadtest [-addr 127.0.0.1:8080] [-c 8] [-d 10s] [-rate 0]
          test de charge borné d'un serveur lextraite sur la boucle locale
  eval    -index DIR -judgments FICHIER [-weak 0.8]
          banc de pertinence : nDCG@10, MRR et rappel@10 par type de requête
  citations -index DIR [-unresolved]
          les renvois entre textes (cible ou « non résolu : … ») et leur
          nombre par forme ; -unresolved : seulement les textes cités absents

"lextraite COMMANDE -h" donne les options de chaque commande.
`

// run executes one command line and returns the process exit status:
// 0 success, 1 failure, 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var err error
	switch args[0] {
	case "index":
		err = runIndex(ctx, args[1:], stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], stdout, stderr, logger)
	case "search":
		err = runSearch(ctx, args[1:], stdout, stderr)
	case "citations":
		err = runCitations(ctx, args[1:], stdout, stderr)
	case "bench":
		err = runBench(ctx, args[1:], stdout, stderr)
	case "loadtest":
		err = runLoadtest(ctx, args[1:], stdout, stderr)
	case "eval":
		err = runEval(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "lextraite : commande inconnue %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "lextraite :", err)
		return 2
	default:
		fmt.Fprintln(stderr, "lextraite :", err)
		return 1
	}
}

// errUsage marks a command line the user must fix.
var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w : %s", errUsage, fmt.Sprintf(format, args...))
}

// overlays returns the metadata overlays to apply: the one shipped for the
// shared corpus, then the user's -meta folder (stronger).
func overlays(metaDir string) ([]fs.FS, error) {
	out := []fs.FS{corpus.DefaultOverlay()}
	if metaDir != "" {
		st, err := os.Stat(metaDir)
		if err != nil {
			return nil, fmt.Errorf("-meta %s : %w", metaDir, err)
		}
		if !st.IsDir() {
			return nil, usageErr("-meta %s n'est pas un dossier", metaDir)
		}
		out = append(out, os.DirFS(metaDir))
	}
	return out, nil
}
