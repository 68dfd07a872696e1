package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentinel errors of the loaders. Loaders wrap them with %w and the file's
// context; LoadDir turns each into a Skipped entry with its Code.
var (
	// ErrEncrypted: the PDF needs a user password to open.
	ErrEncrypted = errors.New("PDF protégé par un mot de passe : fournir une version sans mot de passe")
	// ErrNoText: the file has no text layer (a scanned PDF) and must be OCRed.
	ErrNoText = errors.New("aucune couche texte (document numérisé) : à océriser")
	// ErrCorrupt: the file is damaged or not of the format its name says.
	ErrCorrupt = errors.New("fichier illisible ou endommagé")
	// ErrEmpty: the file holds no text at all.
	ErrEmpty = errors.New("fichier vide")
	// ErrUnsupported: no loader handles this format yet.
	ErrUnsupported = errors.New("format non pris en charge")
)

// skipCode maps an error to the stable Code of a Skipped entry.
func skipCode(err error) string {
	switch {
	case errors.Is(err, ErrEncrypted):
		return "encrypted"
	case errors.Is(err, ErrNoText):
		return "no-text"
	case errors.Is(err, ErrCorrupt):
		return "corrupt"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, ErrUnsupported):
		return "unsupported"
	}
	return "error"
}

// jsonProblem says in French what encoding/json found wrong in data (its
// messages are English): where the syntax breaks, as a line and column,
// or which field has a value of the wrong type.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end"):
		return "fichier tronqué"
	case errors.As(err, &syn):
		off := int(min(max(syn.Offset-1, 0), int64(len(data))))
		line := bytes.Count(data[:off], []byte("\n")) + 1
		col := off - bytes.LastIndexByte(data[:off], '\n')
		if bytes.IndexByte(data, 0) >= 0 {
			return "le fichier n'est pas en UTF-8 (UTF-16 ou UTF-32) : l'enregistrer en UTF-8"
		}
		return fmt.Sprintf("syntaxe incorrecte ligne %d, colonne %d", line, col)
	case errors.As(err, &typ):
		return fmt.Sprintf("le champ « %s » n'a pas le type attendu (%s au lieu de %s)", typ.Field, jsonTypeName(typ.Value), jsonTypeName(typ.Type.Kind().String()))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "fichier tronqué"
	}
	return "contenu illisible"
}

// jsonTypeName names a JSON value or Go kind in French.
func jsonTypeName(t string) string {
	switch t {
	case "number", "int", "int64", "float64":
		return "nombre"
	case "string":
		return "texte"
	case "object", "struct", "map":
		return "objet"
	case "array", "slice":
		return "liste"
	case "bool":
		return "booléen"
	}
	return t
}
