/** A colour map as a 256-entry lookup table of 8-bit RGB triples, the way matplotlib stores them. */
export interface Colormap {
  /** matplotlib's name for it. */
  readonly name: string;
  /** 256 * 3 bytes: entry i is the colour of normalised values in [i/256, (i+1)/256). */
  readonly lut: Uint8Array;
}

const LUT_SIZE = 256;

// matplotlib's `_RdBu_data` (ColorBrewer RdBu, 11 classes), from dark red at 0 to dark blue at 1.
const RDBU_ANCHORS: readonly (readonly [number, number, number])[] = [
  [0.403921568627451, 0.0, 0.12156862745098039],
  [0.6980392156862745, 0.09411764705882353, 0.16862745098039217],
  [0.8392156862745098, 0.3764705882352941, 0.30196078431372547],
  [0.9568627450980393, 0.6470588235294118, 0.5098039215686274],
  [0.9921568627450981, 0.8588235294117647, 0.7803921568627451],
  [0.9686274509803922, 0.9686274509803922, 0.9686274509803922],
  [0.8196078431372549, 0.8980392156862745, 0.9411764705882353],
  [0.5725490196078431, 0.7725490196078432, 0.8705882352941177],
  [0.2627450980392157, 0.5764705882352941, 0.7647058823529411],
  [0.12941176470588237, 0.4, 0.6745098039215687],
  [0.0196078431372549, 0.18823529411764706, 0.3803921568627451],
];

/**
 * Builds the table like matplotlib's `LinearSegmentedColormap.from_list` with N=256: anchors evenly
 * spaced on [0, 1], linear interpolation at i/255, then `(lut * 255).astype(uint8)` (truncation).
 */
function lutFromAnchors(anchors: readonly (readonly [number, number, number])[]): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  const segments = anchors.length - 1;
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = (i / (LUT_SIZE - 1)) * segments;
    const k = Math.min(Math.floor(x), segments - 1);
    const t = x - k;
    const a = anchors[k]!;
    const b = anchors[k + 1]!;
    for (let c = 0; c < 3; c++) {
      // The epsilon keeps exact anchors such as 247/255 from truncating to 246 through rounding noise.
      lut[i * 3 + c] = Math.floor((a[c]! + (b[c]! - a[c]!) * t) * 255 + 1e-9);
    }
  }
  return lut;
}

/** matplotlib's `plt.cm.RdBu`: red for low values, white in the middle, blue for high values. */
export const RdBu: Colormap = { name: "RdBu", lut: lutFromAnchors(RDBU_ANCHORS) };

/** matplotlib's `plt.cm.gray`: black for low values, white for high values. */
export const gray: Colormap = {
  name: "gray",
  lut: lutFromAnchors([
    [0, 0, 0],
    [1, 1, 1],
  ]),
};

/**
 * Index into a 256-entry table of a value normalised to [vmin, vmax], as matplotlib's `Colormap.__call__`
 * does: values below vmin take the first colour, above vmax the last; a flat range maps to the middle.
 */
export function colormapIndex(value: number, vmin: number, vmax: number): number {
  const x = vmax === vmin ? 0.5 : (value - vmin) / (vmax - vmin);
  const i = Math.floor(x * LUT_SIZE);
  if (!(i >= 0)) return 0; // also NaN
  return i >= LUT_SIZE ? LUT_SIZE - 1 : i;
}
