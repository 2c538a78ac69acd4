"use client";
import type { ComponentProps, ReactNode } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "./ui/dialog";

/** A dialog with its trigger, title and description (the parts every dialog here has), then `children`. */
export function DialogFrame({
  trigger,
  title,
  description,
  className,
  children,
  ...props
}: ComponentProps<typeof Dialog> & {
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  className?: string;
}) {
  return (
    <Dialog {...props}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}
