using System;
using ConvGen;

var stem = new Stem(new float[Stem.WeightLength], new float[Stem.BiasLength]);
var input = new float[3 * 8 * 8];
var output = new float[12 * 8 * 8];
stem.Forward(input, output, 1, 8, 8);
Console.WriteLine($"{stem.Parameters} -> {output.Length}");

[Conv2d(3, 12, 3, Groups = 3, Padding = 1)]
public partial class Stem;
