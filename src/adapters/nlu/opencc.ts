import * as OpenCC from "opencc-js/t2cn";
import type { ToSimplified } from "../../domain/nlu/index.js";

let converter: ToSimplified | undefined;

/** Traditional (Taiwan and Hong Kong usage included) → simplified, via OpenCC's tables. */
export function openccToSimplified(): ToSimplified {
  if (!converter) {
    const tw = OpenCC.Converter({ from: "tw", to: "cn" });
    const hk = OpenCC.Converter({ from: "hk", to: "cn" });
    converter = (text) => (/[\u3400-\u9fff]/.test(text) ? hk(tw(text)) : text);
  }
  return converter;
}
