"use client";
import { useState } from "react";
import { Menu } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/app/_components/ui/dialog";

/**
 * The sidebar below 1024 px: a menu button that slides the same content in from the left. Following a link inside
 * closes it, so the page behind is what the person sees next.
 */
export function SidebarSheet({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open menu">
          <Menu />
        </Button>
      </DialogTrigger>
      <DialogContent
        className="data-[state=open]:slide-in-from-left inset-y-0 top-0 left-0 flex h-full w-72 max-w-[85vw] translate-x-0 translate-y-0 flex-col gap-6 overflow-y-auto rounded-none border-y-0 border-l-0 p-4 sm:max-w-72"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        <DialogTitle className="sr-only">Menu</DialogTitle>
        <DialogDescription className="sr-only">Pages, organization and account</DialogDescription>
        {children}
      </DialogContent>
    </Dialog>
  );
}
