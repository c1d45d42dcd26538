// Link unfurling for chat messages (NestJS).
import { Body, Controller, HttpException, HttpStatus, Post, UseGuards } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { IsString, IsUrl } from "class-validator";
import { firstValueFrom } from "rxjs";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { extractOpenGraph, OpenGraphPreview } from "./open-graph";

class PreviewRequestDto {
  @IsString()
  @IsUrl({ require_protocol: true })
  url!: string;
}

@Controller("link-previews")
@UseGuards(JwtAuthGuard)
export class LinkPreviewController {
  constructor(private readonly http: HttpService) {}

  @Post()
  async preview(@Body() dto: PreviewRequestDto): Promise<OpenGraphPreview> {
    try {
      const response = await firstValueFrom(
        this.http.get<string>(dto.url, {
          timeout: 4000,
          maxContentLength: 1_000_000,
          responseType: "text",
          headers: { "User-Agent": "ChatLinkPreview/1.0" },
        })
      );
      return extractOpenGraph(dto.url, response.data);
    } catch {
      throw new HttpException("Could not load preview", HttpStatus.BAD_GATEWAY);
    }
  }
}
