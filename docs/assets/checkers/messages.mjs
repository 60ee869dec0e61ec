// Words the checker widgets and worker show to readers (Chinese). Check results come from Python.

export const loadingError =
  "检查程序没能加载。请检查网络后刷新页面重试；如果仍然不行，可以换用较新版本的 Chrome、Edge、Firefox 或 Safari。";
export const unsupported =
  "你的浏览器不支持运行检查程序（需要 WebAssembly 和模块化 Web Worker）。请换用较新版本的 Chrome、Edge、Firefox 或 Safari；" +
  "如果是在微信等应用里打开的，请点右上角的“…”，选择“在浏览器打开”。";
export const stalled = "检查程序加载超时。请检查网络后刷新页面重试。";
export const requestFailed = "检查时出错：";
export const decodeFailed = "浏览器无法解码这张照片（文件可能已损坏），背景和构图检查跳过";

export const phases = {
  download: "正在下载检查程序",
  boot: "正在启动检查程序…",
  import: "正在准备检查规则…",
  ready: "检查程序已就绪。照片和成绩只在你的设备上检查，不会上传。",
  failed: loadingError,
};

export const statusWords = { pass: "通过", fail: "不合格", warn: "注意", skip: "跳过" };

export const photo = {
  checking: "正在检查照片…",
  chosen: "已选择：",
  ok: "结论：没有不合格项。",
  okWithWarnings: (n) => `结论：没有不合格项，但有 ${n} 项需要注意，请逐项确认。`,
  fail: (n, w) => `结论：${n} 项不合格${w ? `，${w} 项需要注意` : ""}。请按下面的提示修改后再检查。`,
  previewCaption: "预览（按文件存储的方向显示，与报名系统看到的一致）",
  disclaimer: "结果仅供参考，以报名或毕业系统的审核为准。",
  tooMany: "一次只能检查一张照片，已取第一张。",
};

export const courses = {
  checking: "正在核对课程…",
  empty: "请先粘贴成绩。",
  eligible: "结论：按本站收录的考试计划，已满足毕业的课程要求。",
  notEligible: "结论：还不满足毕业的课程要求，缺少的内容见下表。",
  disclaimer: "结果仅供参考，以主考学校和省考试院的毕业审核为准。",
};

export const fix = {
  working: "正在生成照片（只在你的设备上处理）…",
  ok: "已生成合格照片：修正后的文件通过了该规格的全部检查。",
  okWithWarnings: (n) => `已生成照片：没有不合格项，但有 ${n} 项需要注意，请逐项确认。`,
  refused: "这张照片不能靠修正变得合格，没有生成文件。需要重新拍摄或换一张原始照片的原因：",
  download: (name) => `下载合格照片（${name}）`,
  previewCaption: (w, h, kb) => `修正后的照片：${w}×${h} 像素，${kb} KB`,
  longPress: "这个浏览器不能直接下载生成的文件：请长按上面的照片，选择“保存图片”或“存储到照片”。",
  rename: (name) => `保存后请把文件名改为：${name}（报名系统可能按文件名核对）。`,
  missing: (what) =>
    `这个浏览器缺少生成照片所需的功能（${what}），不能在这里生成照片。请用较新版本的 Chrome、Edge、Firefox 或 Safari 打开本页；` +
    "如果是在微信等应用里打开的，请点右上角的“…”，选择“在浏览器打开”。",
  failed: "生成照片时出错：",
};
