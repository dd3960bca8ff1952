import { type ChangeEvent, useEffect, useRef, useState } from "react";
import type { Translate } from "~/i18n";

/**
 * A file input whose button and "no file chosen" are in the page's language (issue 22, item 7):
 * the browser's own control speaks the browser's language ("Choose File / No file chosen"). Until
 * the page is hydrated (and always without JavaScript) the browser's control is shown, so a file
 * can always be chosen and seen; with JavaScript the native input is visually hidden, still
 * focusable and labelled, behind a localised button and the chosen file names. A file above
 * `maxBytes` is said at once, before a long upload (the server checks again).
 */
export function FileInput({
  id,
  name,
  t,
  accept = "application/pdf,image/jpeg,image/png",
  multiple = false,
  describedBy,
  invalid,
  maxBytes,
  className = "mt-1",
}: {
  id: string;
  name: string;
  t: Translate;
  accept?: string;
  multiple?: boolean;
  describedBy?: string;
  invalid?: boolean;
  maxBytes?: number;
  className?: string;
}) {
  const [hydrated, setHydrated] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [tooLarge, setTooLarge] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setHydrated(true), []);
  // A form reset (after an upload) clears the input; the names shown follow it.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const clear = () => {
      setChosen([]);
      setTooLarge([]);
    };
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, []);
  function onChange(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.currentTarget.files ?? [])];
    setChosen(files.map((f) => f.name));
    setTooLarge(maxBytes ? files.filter((f) => f.size > maxBytes).map((f) => f.name) : []);
  }
  const statusId = `${id}-chosen`;
  const sizeId = `${id}-size`;
  const described = [describedBy, hydrated ? statusId : null, tooLarge.length ? sizeId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <input
        ref={input}
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-describedby={described}
        aria-invalid={invalid || tooLarge.length > 0 || undefined}
        onChange={onChange}
        className={hydrated ? "peer sr-only" : "block"}
        data-testid={`${id}-input`}
      />
      {hydrated ? (
        <div className="flex flex-wrap items-center gap-3 peer-focus-visible:[&>label]:outline peer-focus-visible:[&>label]:outline-3 peer-focus-visible:[&>label]:outline-focus">
          {/* A second label: clicking it opens the file dialog; the field's own label names it for assistive technology. */}
          <label htmlFor={id} className="cursor-pointer rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-info-bg" aria-hidden="true">
            {multiple ? t("file.chooseMany") : t("file.choose")}
          </label>
          <span id={statusId} className="text-sm" data-testid={`${id}-chosen`}>
            {chosen.length === 0 ? (multiple ? t("file.noneMany") : t("file.none")) : chosen.join(", ")}
          </span>
        </div>
      ) : null}
      {tooLarge.length ? (
        <p id={sizeId} role="alert" className="mt-1 font-semibold text-danger" data-testid={`${id}-too-large`}>
          {t("file.tooLargeNow", { names: tooLarge.join(", "), mb: Math.round((maxBytes ?? 0) / 1024 / 1024) })}
        </p>
      ) : null}
    </div>
  );
}
