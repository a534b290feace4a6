// Package calc is Bitrix24's expression calculator as used in robot settings: the whole-value
// "=expr" and inline "{{= expr }}" forms. It reproduces the portal's tokenizer, operator
// priorities, PHP loose typing and function library, including their corner cases, because a
// designer that previews robots offline is only useful if it computes what the portal will.
//
// An expression is compiled once (Compile) and evaluated many times (Program.Eval) against an
// Env that supplies variable values, the working calendar, the current time, the portal's date
// formats and the other services some functions need.
package calc
