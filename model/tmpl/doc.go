// Package tmpl is the template language of robot settings: {=Object:Field > mod1,mod2}
// placeholders, inline {{= expr }} and whole-value =expr calculations, and the friendly
// {{Field title}} / {{~A…:Prop}} form the robot designer shows instead of field codes.
//
// Parse reads a stored (system) text once; Template.Render fills it with sample values the way
// the portal would, reports the placeholders that came out empty with their byte spans and
// returns calculation errors with their positions. ToFriendly and ToSystem convert between the
// two notations using the portal's field titles. The package knows nothing of the robot model:
// field metadata and sample values come in through Field and Source.
package tmpl
