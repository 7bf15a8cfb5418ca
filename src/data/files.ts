/**
 * The files of each dataset kept in a data root, their published MD5 sums and where to download them.
 */

export const FILE_DATASETS = ["mnist", "fashion-mnist", "iris", "digits", "breast-cancer"] as const;
export type FileDatasetName = (typeof FILE_DATASETS)[number];

/** Input features of each file dataset, known before its files are read (or downloaded). */
export const FILE_DATASET_FEATURES: Readonly<Record<FileDatasetName, number>> = {
  mnist: 784,
  "fashion-mnist": 784,
  iris: 4,
  digits: 64,
  "breast-cancer": 30,
};

export const IDX_FILES = {
  trainImages: "train-images-idx3-ubyte.gz",
  trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz",
  testLabels: "t10k-labels-idx1-ubyte.gz",
} as const;

/** The files each dataset needs, relative to its folder in the data root. */
export const DATASET_FILES: Readonly<Record<FileDatasetName, readonly string[]>> = {
  mnist: Object.values(IDX_FILES),
  "fashion-mnist": Object.values(IDX_FILES),
  iris: ["iris.csv"],
  digits: ["digits.csv.gz"],
  "breast-cancer": ["breast_cancer.csv"],
};

/** Keys are "dataset/file"; values lowercase hex MD5. */
export type ChecksumTable = Readonly<Record<string, string>>;

/**
 * Published MD5 sums: MNIST (LeCun et al.'s original files), Fashion-MNIST (Zalando Research's README) and
 * the scikit-learn copies of iris, digits and breast cancer (as listed in ../shared/datasets/README.md).
 */
export const KNOWN_CHECKSUMS: ChecksumTable = {
  "mnist/train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
  "mnist/train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
  "mnist/t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
  "mnist/t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
  "fashion-mnist/train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
  "fashion-mnist/train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
  "fashion-mnist/t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
  "fashion-mnist/t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
  "iris/iris.csv": "d69a16ea6136ccb02a7c37c66375ebba",
  "digits/digits.csv.gz": "9b335364a7bfd63947c7480a5bd51f2d",
  "breast-cancer/breast_cancer.csv": "36ef90874abc87f4b4a8554dcc17cf6f",
};

/**
 * Where files come from when no base URL is configured (only the IDX sets have a default; the CSV sets
 * download only from a configured base URL, `<base>/<dataset>/<file>`).
 */
export const DEFAULT_SOURCES: Readonly<Partial<Record<FileDatasetName, string>>> = {
  mnist: "https://ossci-datasets.s3.amazonaws.com/mnist/",
  "fashion-mnist": "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
};

export const MNIST_CLASS_NAMES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
export const FASHION_CLASS_NAMES = [
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
];

export function isFileDatasetName(name: string): name is FileDatasetName {
  return (FILE_DATASETS as readonly string[]).includes(name);
}
