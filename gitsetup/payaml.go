package gitsetup

// PaYamlFuncname is the hunk-header regex (diff.payaml.xfuncname) for `.pa.yaml`
// files (Power Fx YAML, schema v3): a POSIX extended regex matching the line that
// opens a control, `- Name:` in a Children sequence (Studio writes one per control):
//
//   - Button1:
//   - 'Label 1':
//   - "Account Name1_1":
//
// Its group captures the control's name as written. Property lines (`X: =40`), block
// headers (`Text: |-`) and the keys Properties and Children do not match. Like
// FxYamlFuncname it uses only bracket expressions and POSIX classes.
const PaYamlFuncname = `^[[:blank:]]*- ("[^"]*"|'([^']|'')*'|[^[:blank:]'"#|>&*!%@][^:]*):[[:blank:]]*$`
